import crypto from 'node:crypto';
import { NOTICE_SECTIONS, type NoticeSectionsInput } from '../../../common/contracts/privacy';

/** What a cadre must replace before publishing: the template cannot know the unit's phone or address. */
export const TEMPLATE_PLACEHOLDER = '【请填写】';

/**
 * The national template (PIPL Art. 17 and 31, GB/T 35273): what a unit starts from before its first
 * version, with the unit named as 处理者.
 */
export function noticeTemplate(orgName: string): NoticeSectionsInput {
  return {
    controller: `${orgName}（以下简称“我们”）是您在本页面提交的个人信息的处理者，对其安全负责。`,
    purpose:
      '我们处理您的个人信息，用于联系和服务新兴青年：核实报名信息、与您联系，邀请您参加培训、活动、导师结对和作品征集等，并据此开展统计（统计结果不含能识别您个人的信息）。' +
      '处理方式为在线收集、工作人员审核、在本单位信息系统中加密存储和使用。您居住地属于其他团组织服务范围的，我们会将报名转交该团组织，由其按本规则处理。' +
      '除法律、行政法规另有规定外，未经您同意，我们不会将您的个人信息用于上述以外的目的，也不会向其他组织或个人提供。',
    categories:
      '姓名、性别、出生日期或身份证号码、手机号码、所在地、群体类别、从业领域、所在平台或机构、作品链接、需求和梦想；不满十四周岁的，还有监护人的姓名及与您的关系。' +
      '为记录您的同意，我们同时保存提交时间、访问渠道、页面地址、去除末段的 IP 地址和浏览器信息。' +
      '其中身份证号码、手机号码以及不满十四周岁未成年人的个人信息属于敏感个人信息，我们加密存储，仅经授权的工作人员可以查看；不满十四周岁的，须由监护人同意后提交。',
    retention:
      '报名未通过审核的，自审核之日起六个月内删除；成为联系服务对象的，保存至联系服务结束后三年，期满删除或匿名化处理。' +
      '您撤回同意的，我们停止处理并及时删除您的个人信息，法律、行政法规规定的保存期限另有规定的除外。',
    rights:
      '您有权查阅、复制、更正、补充您的个人信息，有权要求删除，有权撤回同意，有权要求我们解释说明本规则。' +
      '您可以凭提交后获得的回执码，在“查询报名进度”页面查看进度、修改信息或撤回同意；撤回同意不影响撤回前基于同意已进行的处理。' +
      '其他请求请通过下方联系方式提出，我们将在十五个工作日内答复。',
    contact: `${orgName}，联系电话：${TEMPLATE_PLACEHOLDER}，通讯地址：${TEMPLATE_PLACEHOLDER}`,
  };
}

/**
 * SHA-256 (hex) of the canonical text: a JSON object of the title and the sections in NOTICE_SECTIONS
 * order, so the same words always give the same hash whatever order the form sent them in.
 */
export function noticeContentHash(title: string, sections: NoticeSectionsInput): string {
  const ordered = Object.fromEntries(
    (Object.keys(NOTICE_SECTIONS) as (keyof NoticeSectionsInput)[]).map((k) => [k, sections[k]]),
  );
  return crypto
    .createHash('sha256')
    .update(JSON.stringify({ title, sections: ordered }))
    .digest('hex');
}
