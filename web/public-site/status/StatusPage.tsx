import { publicApi } from '../api';
import { StatusLookupPage } from '../ui/ReceiptLookup';
import { StatusCard } from './StatusCard';

/** /m/r: the receipt code in, the sign-up's progress out, and from there edits or a withdrawal. */
export function StatusPage() {
  return (
    <StatusLookupPage
      title="查询报名进度"
      intro={<p>输入报名成功后得到的回执码，可以查看审核进度、修改报名信息或撤回同意。</p>}
      notFound="没有找到这个回执码对应的报名，请核对后重新输入"
      lookUp={publicApi.status}
      card={StatusCard}
    />
  );
}
