import { z } from 'zod';
import { defineContract, idParams, okResponse, pageOf, pageQuery, sortedPageQuery } from '../contract';

/** 培训: partner institutions, classes and their lessons (seed 000 §二.2 组织专门培训). */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const id = z.number().int().positive();
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const unitRef = z.object({ id: z.number().int(), name: z.string() });
const dictRef = z.object({ id: z.number().int(), label: z.string() });

export const INSTITUTION_KINDS = ['行业协会', '高校', '培训机构', '企业', '其他'] as const;
export const INSTITUTION_BACKINGS = ['作协', '影协', '美协', '音协', '文联', '高校', '其他'] as const;

export const institution = z.object({
  id: z.number().int(),
  unit: unitRef,
  name: z.string(),
  kind: z.string(),
  backing: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('脱敏'),
  address: z.string().nullable(),
  remark: z.string().nullable(),
  enabled: z.boolean(),
  classCount: z.number().int(),
  version: z.number().int(),
});
export type Institution = z.infer<typeof institution>;

const institutionFields = z.object({
  name: text(100).min(2, '请填写机构名称'),
  kind: text(20).min(1, '请选择机构类型'),
  backing: optionalText(50),
  contactName: optionalText(50),
  /** Omitted on update: kept; null: cleared. */
  contactPhone: optionalText(30),
  address: optionalText(200),
  remark: optionalText(500),
  enabled: z.boolean().optional(),
  unitId: id.optional(),
});

export const listInstitutions = defineContract({
  method: 'GET',
  path: '/api/training/institutions',
  access: 'training.read',
  tag: 'training',
  summary: '培训机构（本单位及下级）',
  query: pageQuery.extend({
    q: text(50).optional(),
    enabledOnly: z.enum(['true', 'false']).optional(),
  }),
  response: pageOf(institution),
});

export const createInstitution = defineContract({
  method: 'POST',
  path: '/api/training/institutions',
  access: 'training.write',
  tag: 'training',
  summary: '新增培训机构（联系电话加密保存）',
  body: institutionFields,
  response: institution,
});

export const updateInstitution = defineContract({
  method: 'PATCH',
  path: '/api/training/institutions/:id',
  access: 'training.write',
  tag: 'training',
  summary: '修改培训机构（不传联系电话时保持原值）',
  params: idParams,
  body: institutionFields.partial().extend({ version: z.number().int().positive() }),
  response: institution,
});

export const deleteInstitution = defineContract({
  method: 'DELETE',
  path: '/api/training/institutions/:id',
  access: 'training.write',
  tag: 'training',
  summary: '删除培训机构（已有培训班使用的只能停用）',
  params: idParams,
  response: okResponse,
});

export const TRAINING_LEVELS = {
  central: '团中央示范性培训班',
  province: '省级培训班',
  city: '市级培训班',
  county: '县级培训班',
} as const;
export const trainingLevel = z.enum(['central', 'province', 'city', 'county']);
export const TRAINING_MODES = { offline: '线下', online: '线上', mixed: '线上线下结合' } as const;
export const trainingMode = z.enum(['offline', 'online', 'mixed']);
export const CLASS_STATUSES = {
  planning: '筹备中',
  enrolling: '报名中',
  ongoing: '培训中',
  finished: '已结业',
  cancelled: '已取消',
} as const;
export const classStatus = z.enum(['planning', 'enrolling', 'ongoing', 'finished', 'cancelled']);
export type ClassStatus = z.infer<typeof classStatus>;

export const LESSON_KINDS = { professional: '专业类', ideological: '思想类' } as const;
export const lessonKind = z.enum(['professional', 'ideological']);
export const LESSON_TOPICS = {
  professional: ['新手入门', '经典解析', '创作实践', '粉丝经济', '行业规范', '版权保护'],
  ideological: ['政策解读', '形势教育', '革命传统和爱国主义教育', '党史学习', '法治教育'],
} as const;

export const lesson = z.object({
  id: z.number().int(),
  classId: z.number().int(),
  title: z.string(),
  kind: lessonKind,
  topic: z.string().nullable(),
  teacher: z.string().nullable(),
  startsAt: z.string(),
  hours: z.number(),
  place: z.string().nullable(),
  markedCount: z.number().int(),
  version: z.number().int(),
});
export type Lesson = z.infer<typeof lesson>;

export const classItem = z.object({
  id: z.number().int(),
  title: z.string(),
  unit: unitRef,
  institution: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  level: trainingLevel,
  targetCategories: z.array(dictRef),
  capacity: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  mode: trainingMode,
  place: z.string().nullable(),
  status: classStatus,
  admittedCount: z.number().int(),
  waitlistCount: z.number().int(),
  completedCount: z.number().int(),
  lessonCount: z.number().int(),
  version: z.number().int(),
});
export type ClassItem = z.infer<typeof classItem>;

export const classDetail = classItem.extend({
  description: z.string().nullable(),
  minAttendanceRate: z.number(),
  followUpMonths: z.array(z.number().int()),
  appliedCount: z.number().int(),
  withdrawnCount: z.number().int(),
  lessons: z.array(lesson),
  createdAt: z.string(),
});
export type ClassDetail = z.infer<typeof classDetail>;

const classFields = z.object({
  title: text(100).min(4, '请填写培训班名称（至少 4 个字）'),
  unitId: id.optional(),
  institutionId: id.nullable().optional(),
  level: trainingLevel,
  targetCategories: z.array(id).max(30).default([]),
  capacity: z.number().int().min(1, '计划人数至少为 1').max(10000),
  startDate: ymd,
  endDate: ymd,
  mode: trainingMode,
  place: optionalText(200),
  description: optionalText(2000),
  /** 0–1: the share of lessons a participant must attend to complete. */
  minAttendanceRate: z.number().min(0).max(1).default(0.8),
  followUpMonths: z.array(z.number().int().min(1, '跟踪月数至少为 1').max(36)).max(6).default([3, 6]),
});

export const listClasses = defineContract({
  method: 'GET',
  path: '/api/training/classes',
  access: 'training.read',
  tag: 'training',
  summary: '培训班（本单位及下级）',
  query: sortedPageQuery(['startDate', 'title', 'capacity']).extend({
    q: text(50).optional(),
    unitId: z.coerce.number().int().positive().optional(),
    level: trainingLevel.optional(),
    status: classStatus.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
  }),
  response: pageOf(classItem),
});

export const createClass = defineContract({
  method: 'POST',
  path: '/api/training/classes',
  access: 'training.write',
  tag: 'training',
  summary: '新建培训班',
  body: classFields,
  response: classDetail,
});

export const getClass = defineContract({
  method: 'GET',
  path: '/api/training/classes/:id',
  access: 'training.read',
  tag: 'training',
  summary: '培训班详情（含课程）',
  params: idParams,
  response: classDetail,
});

export const updateClass = defineContract({
  method: 'PATCH',
  path: '/api/training/classes/:id',
  access: 'training.write',
  tag: 'training',
  summary: '修改培训班（结业后不能再改）',
  params: idParams,
  body: classFields
    .partial()
    .extend({ status: classStatus.exclude(['finished']).optional(), version: z.number().int().positive() }),
  response: classDetail,
});

const lessonFields = z.object({
  title: text(100).min(2, '请填写课程名称'),
  kind: lessonKind,
  topic: optionalText(50),
  teacher: optionalText(100),
  startsAt: z.string().datetime({ offset: true, message: '请填写上课时间' }),
  hours: z.number().min(0.5, '课时至少 0.5').max(99),
  place: optionalText(200),
});

export const createLesson = defineContract({
  method: 'POST',
  path: '/api/training/classes/:id/lessons',
  access: 'training.write',
  tag: 'training',
  summary: '新增课程',
  params: idParams,
  body: lessonFields,
  response: lesson,
});

export const updateLesson = defineContract({
  method: 'PATCH',
  path: '/api/training/lessons/:id',
  access: 'training.write',
  tag: 'training',
  summary: '修改课程',
  params: idParams,
  body: lessonFields.partial().extend({ version: z.number().int().positive() }),
  response: lesson,
});

export const deleteLesson = defineContract({
  method: 'DELETE',
  path: '/api/training/lessons/:id',
  access: 'training.write',
  tag: 'training',
  summary: '删除课程（已记考勤的不能删除）',
  params: idParams,
  response: okResponse,
});

export const exportCompletion = defineContract({
  method: 'GET',
  path: '/api/training/classes/:id/completion.xlsx',
  access: 'training.read',
  tag: 'training',
  summary: '导出结业名单 Excel（姓名、单位、出勤率；手机号脱敏）',
  params: idParams,
  response: z.unknown(),
  binary: true,
});

export const classSummaryDocx = defineContract({
  method: 'GET',
  path: '/api/training/classes/:id/summary.docx',
  access: 'training.read',
  tag: 'training',
  summary: '培训班总结 Word 文档（公文格式）',
  params: idParams,
  response: z.unknown(),
  binary: true,
});
