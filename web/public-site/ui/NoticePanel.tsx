import type { Notice } from '../api';

// The six sections in the order of common/contracts/privacy.ts NOTICE_SECTIONS (not imported: it would bring zod).
export const NOTICE_SECTION_TITLES = [
  ['controller', '个人信息处理者'],
  ['purpose', '处理目的与方式'],
  ['categories', '处理的个人信息种类'],
  ['retention', '保存期限'],
  ['rights', '您的权利及行使方式'],
  ['contact', '联系方式'],
] as const;

/** The unit's personal-information notice, all of it, folded until the person opens it. */
export function NoticePanel({ notice }: { notice: Notice }) {
  return (
    <details className="pm-notice">
      <summary>
        <span>{notice.title}</span>
        <span className="pm-notice-version">第 {notice.version} 版</span>
      </summary>
      <div className="pm-notice-body">
        {NOTICE_SECTION_TITLES.map(([key, title], i) => (
          <section key={key}>
            <h4>
              {['一', '二', '三', '四', '五', '六'][i]}、{title}
            </h4>
            <p>{notice.sections[key]}</p>
          </section>
        ))}
      </div>
    </details>
  );
}
