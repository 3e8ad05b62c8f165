import { PERSON_SYNONYMS, type ColumnDef } from '../../platform/import';

export type YouthColumnKey =
  | 'name'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'idNumber'
  | 'phone'
  | 'politicalStatus'
  | 'education'
  | 'unit'
  | 'residence'
  | 'category'
  | 'occupation'
  | 'platformOrg'
  | 'worksAchievements'
  | 'onlineAccounts'
  | 'followers'
  | 'source'
  | 'dream'
  | 'needs'
  | 'needsText'
  | 'tags'
  | 'remark'
  | 'guardianConsent';

type YouthColumn = ColumnDef<YouthColumnKey> & {
  /** What the template's instructions sheet says about the column. */
  hint: string;
  /** Template column width. */
  width: number;
  /** The template formats the column as text, so Excel keeps every digit. */
  text?: boolean;
  /** The template offers a dropdown from this dictionary. */
  dictionary?: 'category' | 'source' | 'need' | 'ethnicity' | 'political_status' | 'education';
};

/** The registry's columns in template order, with the header texts offices use for them. */
export const YOUTH_COLUMNS: YouthColumn[] = [
  {
    key: 'name',
    label: '姓名',
    synonyms: [...PERSON_SYNONYMS.name],
    required: true,
    width: 10,
    hint: '必填',
  },
  {
    key: 'gender',
    label: '性别',
    synonyms: [...PERSON_SYNONYMS.gender],
    width: 6,
    hint: '男或女；填写身份证号时可不填，由身份证号得出',
  },
  {
    key: 'ethnicity',
    label: '民族',
    synonyms: [...PERSON_SYNONYMS.ethnicity],
    width: 8,
    hint: '如“汉族”，可简写为“汉”',
    dictionary: 'ethnicity',
  },
  {
    key: 'birthDate',
    label: '出生日期',
    synonyms: [...PERSON_SYNONYMS.birthDate],
    width: 12,
    hint: '如 1995-03-12、1995年3月12日；填写身份证号时可不填',
  },
  {
    key: 'idNumber',
    label: '身份证号',
    synonyms: [...PERSON_SYNONYMS.idNumber],
    width: 22,
    text: true,
    hint: '18 位（末位可为 X）；请保持文本格式，否则 Excel 会丢失后几位',
  },
  {
    key: 'phone',
    label: '手机号',
    synonyms: [...PERSON_SYNONYMS.phone],
    width: 14,
    text: true,
    hint: '手机号或带区号的固定电话',
  },
  {
    key: 'politicalStatus',
    label: '政治面貌',
    synonyms: [...PERSON_SYNONYMS.politicalStatus],
    width: 10,
    hint: '从下拉选项中选择',
    dictionary: 'political_status',
  },
  {
    key: 'education',
    label: '学历',
    synonyms: [...PERSON_SYNONYMS.education],
    width: 10,
    hint: '从下拉选项中选择',
    dictionary: 'education',
  },
  {
    key: 'unit',
    label: '所在单位',
    synonyms: ['所在单位', '保管单位', '所属团组织', '所属单位', '团组织', '县区', '区县', '所在县区'],
    width: 14,
    hint: '本单位或下级单位名称（如“东湖区”）；不填则为导入时选择的单位',
  },
  { key: 'residence', label: '现居地', synonyms: [...PERSON_SYNONYMS.address], width: 18, hint: '' },
  {
    key: 'category',
    label: '群体类别',
    synonyms: ['群体类别', '群体类型', '类别', '所属群体', '新兴青年群体类别', '人员类别', '群体'],
    width: 16,
    hint: '从下拉选项中选择（大类或小类）',
    dictionary: 'category',
  },
  {
    key: 'occupation',
    label: '从业领域/职业',
    synonyms: ['从业领域', '职业', '从业领域/职业', '职业/从业领域', '工作领域', '从事行业', '行业', '职务'],
    width: 14,
    hint: '',
  },
  {
    key: 'platformOrg',
    label: '签约平台或所属机构',
    synonyms: [
      '签约平台',
      '所属机构',
      '签约平台或所属机构',
      '工作单位',
      '所在平台',
      '签约机构',
      '单位或平台',
    ],
    width: 18,
    hint: '',
  },
  {
    key: 'worksAchievements',
    label: '代表作品与成就',
    synonyms: ['代表作品', '代表作品与成就', '主要成就', '代表作', '作品及成就', '主要作品'],
    width: 24,
    hint: '',
  },
  {
    key: 'onlineAccounts',
    label: '网络账号',
    synonyms: ['网络账号', '网络账户', '平台账号', '账号', '网名', '自媒体账号'],
    width: 20,
    hint: '“平台：账号”，多个用分号隔开，如“抖音：小明；B站：xm”',
  },
  {
    key: 'followers',
    label: '粉丝数',
    synonyms: ['粉丝数', '粉丝量', '粉丝数量', '关注人数'],
    width: 10,
    hint: '数字，可写“12.5万”；对应第一个网络账号',
  },
  {
    key: 'source',
    label: '来源',
    synonyms: ['来源', '联系来源', '发现渠道', '联系渠道', '发现方式'],
    width: 12,
    hint: '从下拉选项中选择',
    dictionary: 'source',
  },
  { key: 'dream', label: '梦想', synonyms: ['梦想', '我的梦想', '个人梦想', '愿望'], width: 20, hint: '' },
  {
    key: 'needs',
    label: '需求',
    synonyms: ['需求', '主要需求', '需求类型', '诉求'],
    width: 18,
    hint: '可多项，用顿号隔开，如“职业发展、法律咨询”',
    dictionary: 'need',
  },
  {
    key: 'needsText',
    label: '需求说明',
    synonyms: ['需求说明', '需求描述', '具体需求', '其他需求'],
    width: 20,
    hint: '',
  },
  { key: 'tags', label: '标签', synonyms: ['标签', '人员标签'], width: 14, hint: '可多个，用顿号隔开' },
  { key: 'remark', label: '备注', synonyms: [...PERSON_SYNONYMS.remark], width: 18, hint: '' },
  {
    key: 'guardianConsent',
    label: '已取得监护人同意',
    synonyms: ['已取得监护人同意', '监护人同意', '监护人是否同意'],
    width: 10,
    hint: '未满 14 周岁的必须填“是”（《个人信息保护法》第三十一条）',
  },
];
