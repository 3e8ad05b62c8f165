/**
 * Header texts that offices use for the person fields every roster has. Modules build their column
 * dictionaries from these (adding their own), so a 身份证号 column is found under the same names everywhere.
 */
export const PERSON_SYNONYMS = {
  name: ['姓名', '名字', '人员姓名', '青年姓名', '学员姓名', '本人姓名'],
  gender: ['性别', '男/女'],
  ethnicity: ['民族', '族别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日', '出生时间', '出生年月(日)'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号',
    '公民身份证号码',
    '居民身份证号',
    '居民身份证号码',
    '身份证件号码',
    '身份证',
    '证件号码',
    '证件号',
  ],
  phone: ['手机', '手机号', '手机号码', '联系电话', '联系方式', '电话', '电话号码', '移动电话', '联系手机'],
  politicalStatus: ['政治面貌', '政治身份'],
  education: ['学历', '文化程度', '最高学历', '学历学位'],
  email: ['电子邮箱', '邮箱', '电子邮件', 'e-mail', 'email'],
  address: ['现居地', '现住址', '居住地', '居住地址', '现居住地', '家庭住址', '通讯地址'],
  remark: ['备注'],
} as const satisfies Record<string, readonly string[]>;
