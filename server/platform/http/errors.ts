/** An error whose message is meant for the user: Chinese, naming what is wrong, never leaking data. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const notFound = (what = '记录') =>
  new AppError(404, 'not_found', `${what}不存在或不在您的管辖范围内`);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const badRequest = (message: string, details?: { path: string; message: string }[]) =>
  new AppError(400, 'bad_request', message, details);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const staleVersion = () =>
  new AppError(409, 'version_conflict', '该记录已被他人修改，请刷新后重新编辑，您的修改尚未保存');
