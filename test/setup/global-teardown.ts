export default function teardown(): void {}
