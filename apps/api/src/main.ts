import '@gwaje/identity';
