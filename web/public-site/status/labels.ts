import type { SignupStatus } from '../api';

// Copies of common/contracts/signup.ts (that module brings zod); status-labels.test.ts keeps them equal.
export const STATUS_LABELS: Record<SignupStatus['status'], string> = {
  pending: '待审核',
  accepted: '已入库',
  merged: '已合并',
  declined: '未通过',
  withdrawn: '本人已撤回',
};

/** Said when the server gives no message of its own. */
export const STATUS_EXPLAINED: Record<SignupStatus['status'], string> = {
  pending: '团组织还没有审核您的报名，请耐心等待。',
  accepted: '您的报名已通过审核，团组织会通过您留的手机号与您联系。',
  merged: '您的报名已通过审核，团组织会通过您留的手机号与您联系。',
  declined: '您的报名未通过审核。',
  withdrawn: '您已撤回同意，报名中的个人信息已删除。',
};

export type LockableField = SignupStatus['lockedFields'][number];

export const FIELD_LABELS: Record<LockableField, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idNumber: '身份证号',
  phone: '手机号',
  placeUnitId: '所在地',
  categoryId: '群体类别',
  field: '从事领域',
  platformOrg: '平台或单位',
};
