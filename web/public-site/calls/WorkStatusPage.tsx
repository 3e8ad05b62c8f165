import { publicApi } from '../api';
import { StatusLookupPage } from '../ui/ReceiptLookup';
import { WorkCard } from './WorkCard';

/** /m/w: the receipt code in, the work's status out, and from there edits or a withdrawal. */
export function WorkStatusPage() {
  return (
    <StatusLookupPage
      title="查询作品状态"
      intro={<p>输入提交作品后得到的回执码，可以查看审查和评选进度，在截止前修改作品或撤回作品。</p>}
      notFound="没有找到这个回执码对应的作品，请核对后重新输入"
      lookUp={publicApi.workStatus}
      card={WorkCard}
    />
  );
}
