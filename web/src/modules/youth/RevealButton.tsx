import { useState } from 'react';
import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { revealYouth } from '../../../../common/contracts/youth';
import { call } from '../../api/client';
import { ReasonModal } from './ReasonModal';

export type Revealed = { idNumber: string | null; phone: string | null };

/** 查看完整信息: asks why (logged), then hands the full values to the page; they live only in its state. */
export function RevealButton({
  youthId,
  onRevealed,
}: {
  youthId: number;
  onRevealed: (r: Revealed) => void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
        查看完整信息
      </Button>
      {asking && (
        <ReasonModal
          title="查看完整信息"
          intro="将显示完整的身份证号和手机号。查看人、时间和原因记入审计日志；离开本页后不再显示。"
          label="查看原因"
          okText="查看"
          onSubmit={async (reason) =>
            onRevealed(await call(revealYouth, { params: { id: youthId }, body: { reason } }))
          }
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
