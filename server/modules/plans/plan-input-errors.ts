/**
 * Validation errors of the plan routes in the words of the plan: a long plan saved from the preview fails on
 * “第二部分第 3 项任务「开展主题教育」：标题不能超过 300 个字”, never on `sections.1.tasks.2.title`. The routes are
 * registered in their own scope with this error handler; anything else goes on to the platform's handler.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { badRequest } from '../../platform/http/errors';

/** What a cadre calls each field of a plan, a task, a milestone and an indicator. */
const FIELD_LABELS: Record<string, string> = {
  unitId: '所属单位',
  year: '年度',
  text: '方案全文',
  source: '来源',
  sourceFileId: '原文件',
  kind: '方案类型',
  docNumber: '文号',
  issuer: '发文单位',
  startDate: '开始日期',
  endDate: '结束日期',
  preamble: '前言',
  closing: '结尾',
  intro: '导语',
  number: '编号',
  title: '标题',
  content: '内容',
  departmentsNote: '责任部门原文',
  lead: '牵头部门',
  participants: '参与部门',
  collective: '责任单位（集体）',
  owner: '责任人',
  deadline: '截止日期',
  deadlineText: '截止时间原文',
  milestones: '推进节点',
  indicators: '量化指标',
  tasks: '任务',
  sections: '章节',
  dueDate: '日期',
  dueText: '时间原文',
  name: '名称',
  phrase: '原文',
  comparator: '比较方式',
  target: '目标值',
  measure: '单位',
  period: '周期',
  version: '版本',
};
// A Map, so that a path segment such as `__proto__` or `toString` names nothing rather than a prototype member.
const FIELDS = new Map(Object.entries(FIELD_LABELS));

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 35 → 三十五; Arabic from 100 on. */
export function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

type Node = Record<string, unknown> | undefined;
const at = (value: unknown, key: string | number): unknown =>
  value !== null && typeof value === 'object' && Object.hasOwn(value, key)
    ? (value as Record<string | number, unknown>)[key]
    : undefined;

function quoted(node: Node, ...keys: string[]): string {
  for (const key of keys) {
    const value = at(node, key);
    if (typeof value === 'string' && value.trim()) {
      const text = value.trim().replace(/\s+/g, ' ');
      return `「${text.length > 20 ? `${text.slice(0, 20)}…` : text}」`;
    }
  }
  return '';
}

/**
 * Names the place of a path in the request body: 第二部分第 3 项任务「…」第 1 个推进节点「…」, and the field at
 * the end (标题); the position comes from the path, the names from the body as sent.
 */
export function namePlanPath(path: (string | number)[], body: unknown): { where: string; field: string } {
  const parts: string[] = [];
  let node: unknown = body;
  let field = '';
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const position = /^\d{1,6}$/.test(String(path[i + 1] ?? ''));
    const index = Number(path[i + 1]);
    const item = position ? at(at(node, key), index) : undefined;
    if (position && typeof key === 'string') {
      const n = index + 1;
      if (key === 'sections') parts.push(`第${chineseOrdinal(n)}部分`);
      else if (key === 'tasks') parts.push(`第 ${n} 项任务${quoted(item as Node, 'title', 'content')}`);
      else if (key === 'milestones')
        parts.push(`第 ${n} 个推进节点${quoted(item as Node, 'title', 'dueText')}`);
      else if (key === 'indicators') parts.push(`第 ${n} 个指标${quoted(item as Node, 'name', 'phrase')}`);
      else if (key === 'participants')
        parts.push(`第 ${n} 个参与部门${typeof item === 'string' ? `「${item}」` : ''}`);
      else parts.push(`${FIELDS.get(key) ?? ''}第 ${n} 项`);
      node = item;
      field = '';
      i++;
    } else if (typeof key === 'string') {
      field = FIELDS.get(key) ?? '';
      node = at(node, key);
    }
  }
  return { where: parts.join(''), field };
}

type Issue = { keyword?: string; message?: string; params?: Record<string, unknown> };

/** The problem itself, in Chinese: a contract's own message as written, zod's own ones translated. */
function describe(issue: Issue, field: string): string {
  const message = issue.message ?? '';
  if (/[\u4e00-\u9fff]/.test(message)) return message.includes(field) ? message : `${field}${message}`;
  const p = issue.params ?? {};
  const unit = p.origin === 'array' || p.origin === 'set' ? ' 项' : p.origin === 'string' ? ' 个字' : '';
  const bound = (value: unknown) =>
    typeof value === 'number' || typeof value === 'bigint' ? String(value) : '';
  switch (issue.keyword) {
    case 'too_big':
      return bound(p.maximum) ? `${field}不能超过 ${bound(p.maximum)}${unit}` : `${field}过长或过大`;
    case 'too_small':
      if (p.origin === 'string' && Number(p.minimum) <= 1) return `${field}不能为空`;
      return bound(p.minimum) ? `${field}不能少于 ${bound(p.minimum)}${unit}` : `${field}过短或过小`;
    case 'invalid_type':
      return /received undefined/.test(message) || p.input === undefined
        ? `请填写${field}`
        : `${field}格式不正确`;
    case 'invalid_value':
      return `${field}取值无效`;
    default:
      return `${field}格式不正确`;
  }
}

/** One Chinese message for the validation errors of a plan request, naming where each is. */
export function planValidationError(issues: (Issue & { instancePath?: string })[], body: unknown) {
  const details = issues.map((issue) => {
    const path = String(issue.instancePath ?? '')
      .split('/')
      .filter(Boolean)
      .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    const { where, field } = namePlanPath(path, body);
    const what = describe(issue, field || '内容');
    return { path: path.join('.'), message: where ? `${where}：${what}` : what };
  });
  return badRequest(details.map((d) => d.message).join('；') || '请求参数有误', details);
}

/** Registers `register`'s routes in a scope whose validation errors name the plan's parts. */
export function withPlanErrorMessages(app: FastifyInstance, register: (scope: FastifyInstance) => void) {
  void app.register(async (scope) => {
    scope.setErrorHandler((err: FastifyError, req) => {
      if (hasZodFastifySchemaValidationErrors(err)) {
        throw planValidationError(err.validation, err.validationContext === 'body' ? req.body : undefined);
      }
      throw err;
    });
    register(scope);
  });
}
