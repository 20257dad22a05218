// Messages of the account pages (the password change). Korean first; English complete (.en.ts).
import { registerMessages } from '../../i18n';

const ko = {
  password: {
    title: '비밀번호 변경',
    description:
      '비밀번호를 바꾸면 이 기기는 로그인한 채로 남고, 다른 기기의 로그인은 모두 끝납니다.',
    required:
      '관리자가 비밀번호를 설정했거나 처음 로그인한 관리자 계정입니다. 계속하려면 비밀번호를 바꾸세요.',
    currentPassword: '현재 비밀번호',
    newPassword: '새 비밀번호',
    newPasswordHint:
      '기관이 정한 길이 이상으로, 이름이나 이메일을 넣지 말고 지금과 다르게 정하세요.',
    confirmPassword: '새 비밀번호 확인',
    mismatch: '새 비밀번호와 확인이 같지 않습니다.',
    submit: '비밀번호 변경',
    done: '비밀번호를 바꿨습니다. 다른 기기의 로그인은 끝났습니다.',
  },
};

export type Messages = typeof ko;

registerMessages('account', ko, () => import('./messages.en'));
