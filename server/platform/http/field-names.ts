import { FIELD_NAMES_BY_ROUTE } from './field-names-by-route';

/**
 * Chinese names of every field a contract accepts, as the web forms label them (a test walks every
 * contract to keep these complete). A key may be qualified by the object holding it ("tasks.title"),
 * and a route may name a key its own way where the same key means something else elsewhere.
 */
export const FIELD_NAMES: Record<string, string> = {
  id: '编号',
  ids: '编号',
  attachmentId: '附件编号',
  fileId: '文件编号',
  progressId: '进展记录编号',
  stepId: '步骤编号',
  recommendationId: '举荐编号',
  excludeId: '排除的编号',
  kind: '类型',
  note: '说明',
  remark: '备注',
  mode: '方式',
  policy: '错误处理方式',
  warningsOnly: '仅看警告',
  username: '用户名',
  password: '密码',
  displayName: '姓名',
  role: '角色',
  unitId: '所属单位',
  unitIds: '单位',
  toUnitId: '转入单位',
  name: '名称',
  label: '名称',
  aliases: '别名',
  title: '标题',
  code: '动态口令',
  version: '版本',
  newPassword: '新密码',
  currentPassword: '当前密码',
  orgName: '组织全称',
  page: '页码',
  pageSize: '每页条数',
  sort: '排序',
  q: '关键字',
  status: '状态',
  active: '状态',
  enabled: '启用',
  enabledOnly: '仅看启用的',
  includeDescendants: '包含下级单位',
  includeDisabled: '包含已停用项',
  requireTotp: '必须启用双因素认证',
  parentId: '上级',
  withinId: '查询范围',
  level: '层级',
  levels: '层级',
  keyContactCity: '重点联系城市',
  sortOrder: '排序号',
  type: '字典类型',
  action: '操作',
  outcome: '结果',
  outcomeOn: '结果日期',
  from: '开始时间',
  to: '结束时间',
  date: '日期',
  dateFrom: '开始日期',
  dateTo: '结束日期',
  startDate: '开始日期',
  endDate: '结束日期',
  endedOn: '结束日期',
  on: '统计日期',
  onDate: '日期',
  year: '年度',
  quarter: '季度',
  reason: '原因',
  comment: '审核意见',
  decision: '审核结论',
  content: '内容',
  summary: '情况',
  text: '文本',
  value: '数值',
  key: '指标',
  tag: '标签',
  tags: '标签',
  source: '来源',
  sourceId: '来源',
  way: '方式',
  place: '地点',
  address: '地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  phone: '手机号',
  email: '邮箱',
  unmasked: '显示完整信息',
  youthId: '青年',
  youthIds: '青年',
  mentorId: '梦想导师',
  societyId: '青年社团',
  // Youth
  idNumber: '身份证号',
  gender: '性别',
  birthDate: '出生日期',
  ethnicity: '民族',
  education: '学历',
  politicalStatus: '政治面貌',
  occupation: '从业领域/职业',
  platformOrg: '签约平台或所属机构',
  residence: '现居地',
  dream: '梦想',
  worksAchievements: '代表作品与成就',
  categoryId: '群体类别',
  needs: '需求',
  needId: '需求',
  needsText: '需求说明',
  guardianConsent: '监护人同意',
  onlineAccounts: '网络账号',
  platform: '平台',
  handle: '账号名称',
  followers: '粉丝数',
  ageMin: '最小年龄',
  ageMax: '最大年龄',
  stage: '培养阶段',
  toStage: '拟转入阶段',
  notContactedDays: '未联系天数',
  contactedBy: '联系人',
  followUpNeeded: '需要跟进',
  followUpNote: '跟进事项',
  direction: '转接方向',
  filter: '筛选条件',
  columns: '导出列',
  layout: '导出格式',
  // Societies, federation, outreach
  activityLevel: '活跃程度',
  buildMode: '建设方式',
  builtWith: '联合建单位',
  contactUserId: '联系团干部',
  creditCode: '统一社会信用代码',
  fieldId: '新兴领域',
  hasLeagueOrg: '已在其中建立团组织',
  leaderName: '负责人姓名',
  leaderYouthId: '负责人',
  leagueAffiliated: '团属社团',
  memberCount: '成员数',
  registeredOn: '登记日期',
  registrationAuthority: '登记机关',
  secretaryName: '书记姓名',
  secretaryYouthId: '书记',
  supervisor: '业务主管单位',
  recommendedOn: '举荐日期',
  grantedOn: '开放日期',
  seats: '名额',
  declaredRegistered: '已在民政部门登记',
  origin: '方式',
  step: '步骤',
  provinceId: '省份',
  countyIds: '县（市、区）',
  periodYears: '期限',
  minLeagueSocieties: '团属新兴领域社团至少',
  minMemberGroups: '会员团体（除共青团外）至少',
  met: '是否达标',
  relation: '联系方式',
  since: '建立联系日期',
  youthEstimate: '青年人数（估）',
  contactPointId: '联系点',
  host: '依托单位',
  establishedOn: '成立日期',
  dissolvedOn: '撤销日期',
  joinedOn: '加入日期',
  leftOn: '退出日期',
  // Mentors
  bio: '简介',
  employer: '工作单位',
  specialty: '专长领域',
  maxMentees: '最多带教人数',
  available: '可否带教',
  goals: '指导目标',
  signedOn: '签约日期',
  nextSteps: '下一步计划',
  endingDays: '临近到期天数',
  silentDays: '未记录指导天数',
  // Events and training
  report: '活动报道',
  speakers: '主讲嘉宾',
  signedIn: '已签到',
  backing: '依托单位',
  capacity: '计划人数',
  description: '培训班简介',
  followUpMonths: '跟踪月数',
  minAttendanceRate: '最低出勤率',
  institutionId: '培训机构',
  targetCategories: '培训对象（群体类别）',
  classId: '培训班',
  lessonId: '课程',
  enrolmentId: '学员',
  marks: '考勤',
  teacher: '授课人',
  topic: '专题',
  hours: '课时',
  startsAt: '上课时间',
  doneOn: '完成日期',
  // Plans
  docNumber: '文号',
  issuer: '发文单位',
  intro: '导语',
  preamble: '前言',
  closing: '结束语',
  sections: '章节',
  sectionId: '章节',
  tasks: '任务',
  'tasks.title': '任务标题',
  'milestones.title': '推进节点',
  'sections.title': '章节标题',
  number: '序号',
  lead: '牵头部门',
  leadDepartmentId: '牵头部门',
  participants: '参与部门',
  participantIds: '参与部门',
  departmentId: '部门',
  departmentsNote: '责任部门说明',
  collective: '其他责任单位',
  owner: '责任人',
  deadline: '完成时限',
  deadlineText: '完成时限（原文）',
  milestones: '推进节点',
  milestonesDone: '本次完成的推进节点',
  dueDate: '节点日期',
  dueText: '节点时限（原文）',
  indicators: '指标',
  indicatorId: '指标',
  'indicators.name': '指标名称',
  phrase: '指标表述',
  comparator: '比较方式',
  target: '目标值',
  measure: '计量单位',
  period: '统计周期',
  progress: '完成比例（%）',
  actuals: '实际完成值',
  'actuals.name': '指标名称',
  planId: '工作方案',
  sourceFileId: '原文件',
  light: '进度灯',
  overdue: '已逾期',
  // Reports
  form: '报表',
  instructions: '报送要求',
  deadlineByLevel: '各级截止日期',
  province: '省级截止日期',
  city: '市级截止日期',
  county: '县级截止日期',
  scope: '范围',
  show: '显示范围',
  timeliness: '报送及时性',
  figures: '报表数据',
  explain: '说明',
};

function routeNames(route: string | undefined): Record<string, string> {
  let best = '';
  for (const prefix of Object.keys(FIELD_NAMES_BY_ROUTE)) {
    const matches = route === prefix || route?.startsWith(prefix + '/');
    if (matches && prefix.length > best.length) best = prefix;
  }
  return best ? FIELD_NAMES_BY_ROUTE[best]! : {};
}

// Own keys only: a record's key such as `constructor` or `__proto__` must name nothing, not a prototype member.
const lookup = (names: Record<string, string>, key: string | undefined) =>
  key !== undefined && Object.hasOwn(names, key) ? names[key] : undefined;

/** The Chinese name of `key` on `route`, inside the object `parent` holds (if any). */
export function fieldName(route: string | undefined, key: string, parent?: string): string | undefined {
  const own = routeNames(route);
  const qualified = parent ? `${parent}.${key}` : undefined;
  return (
    lookup(own, qualified) ??
    lookup(FIELD_NAMES, qualified) ??
    lookup(own, key) ??
    lookup(FIELD_NAMES, key) ??
    undefined
  );
}

/**
 * The label of a failed path (`["tasks", 2, "milestones", 0, "title"]`): the nearest named key, with
 * which item when the failure is an item of a list (`标签第 3 项`). Keys of free-form records are not
 * named; the record they belong to is.
 */
export function fieldLabel(route: string | undefined, path: string[]): string {
  const isIndex = (s: string) => /^\d+$/.test(s);
  const named = path.map((s, i) => {
    if (isIndex(s)) return undefined;
    const parent = path
      .slice(0, i)
      .filter((p) => !isIndex(p))
      .pop();
    return fieldName(route, s, parent);
  });
  for (let i = path.length - 1; i >= 0; i--) {
    const name = named[i];
    if (!name) continue;
    const next = path[i + 1];
    return next !== undefined && isIndex(next) && i + 1 === path.length - 1
      ? `${name}第 ${Number(next) + 1} 项`
      : name;
  }
  return path.join('.');
}
