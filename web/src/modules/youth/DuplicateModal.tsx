import { useState } from 'react';
import { Alert, App, Button, Flex, Modal } from 'antd';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { duplicateMatch } from '../../../../common/contracts/youth';
import { requestTransfer } from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { ReasonModal } from './ReasonModal';

type Match = z.infer<typeof duplicateMatch>;
const FIELD = { idNumber: '身份证号', phone: '手机号' } as const;

type Props = {
  matches: Match[];
  idNumber?: string;
  /** Saving anyway: offered only when nothing but the phone number is shared. */
  onSaveAnyway: () => void;
  onClose: () => void;
  /** The registration is over (a record opened, or a transfer requested). */
  onDone: () => void;
};

function MatchAlert({ m, onOpen, onTransfer }: { m: Match; onOpen: () => void; onTransfer: () => void }) {
  if (m.inScope) {
    return (
      <Alert
        type="info"
        showIcon
        title={`${FIELD[m.field]}相同：「${m.name}」已由「${m.keepingUnitName}」登记`}
        action={
          <Button size="small" type="primary" onClick={onOpen}>
            打开已有记录
          </Button>
        }
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={
        m.field === 'idNumber'
          ? `该青年已由「${m.keepingUnitName}」登记`
          : `该手机号已由「${m.keepingUnitName}」登记的青年使用`
      }
      description={
        m.canRequestTransfer ? '如其已迁入本地，可申请转入，对方同意后记录转由本单位保管。' : undefined
      }
      action={
        m.canRequestTransfer && (
          <Button size="small" onClick={onTransfer}>
            申请转入
          </Button>
        )
      }
    />
  );
}

/** What the duplicate check found: in scope the record opens; elsewhere only the keeping unit is named. */
export function DuplicateModal({ matches, idNumber, onSaveAnyway, onClose, onDone }: Props) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [transferring, setTransferring] = useState(false);
  const phoneOnly = matches.every((m) => m.field === 'phone');
  return (
    <Modal
      open
      title="发现重复登记"
      width={560}
      onCancel={onClose}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>返回修改</Button>
          {phoneOnly && (
            <Button type="primary" onClick={onSaveAnyway}>
              仍然保存
            </Button>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        {matches.map((m, i) => (
          <MatchAlert
            key={`${m.field}-${i}`}
            m={m}
            onOpen={() => {
              onDone();
              navigate(`/youth/${m.youthId}`);
            }}
            onTransfer={() => setTransferring(true)}
          />
        ))}
      </Flex>
      {transferring && idNumber && (
        <ReasonModal
          title="申请转入"
          intro="申请将发送给保管单位，对方同意后记录转由本单位保管，原有历史保留。"
          label="转入原因"
          okText="提交申请"
          onSubmit={async (reason) => {
            await call(requestTransfer, { body: { idNumber, reason } });
            message.success('转入申请已提交，等待对方处理');
            onDone();
          }}
          onClose={() => setTransferring(false)}
        />
      )}
    </Modal>
  );
}
