import { useState } from 'react';
import { App } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  checkYouthDuplicate,
  createYouth,
  updateYouth,
  type duplicateMatch,
  type YouthDetail,
} from '../../../../common/contracts/youth';
import { call, isVersionConflict } from '../../api/client';
import { useViewer } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { DuplicateModal } from './DuplicateModal';
import { IdentityFields } from './IdentityFields';
import { MoreFields } from './MoreFields';
import { fromYouthDetail, toYouthBody, type YouthValues } from './youthFormValues';

type Body = ReturnType<typeof toYouthBody>;
type Found = { matches: z.infer<typeof duplicateMatch>[]; body: Body };

type Props = {
  /** The record to edit; absent to register someone. */
  youth?: YouthDetail;
  onSaved: (id: number) => void;
  onClose: () => void;
  /** Someone else saved first (409): the caller reloads. */
  onConflict?: () => void;
};

/** 登记 / 编辑: checked as typed, then checked for duplicates across the country before saving. */
export function YouthDialog({ youth, onSaved, onClose, onConflict }: Props) {
  const me = useViewer();
  const { message } = App.useApp();
  const [found, setFound] = useState<Found | null>(null);

  const save = useMutation({
    mutationFn: (body: Body) =>
      youth
        ? call(updateYouth, { params: { id: youth.id }, body: { ...body, version: youth.version } })
        : call(createYouth, { body }),
    onSuccess: (r) => {
      message.success(youth ? '已保存' : '已登记');
      if (r.warnings.length) message.warning(r.warnings.join('；'));
      onSaved(r.youth.id);
    },
    onError: (e) => {
      if (isVersionConflict(e)) onConflict?.();
    },
  });
  const check = useMutation({
    mutationFn: async (body: Body) => {
      if (!body.idNumber && !body.phone) return { matches: [], body };
      const r = await call(checkYouthDuplicate, {
        body: { idNumber: body.idNumber, phone: body.phone, excludeId: youth?.id },
      });
      return { matches: r.matches, body };
    },
    onSuccess: (r) => (r.matches.length ? setFound(r) : save.mutate(r.body)),
  });

  const initial: Partial<YouthValues> = youth ? fromYouthDetail(youth) : { unitId: me.unit.id };
  return (
    <>
      <FormModal<YouthValues>
        name="youth"
        title={youth ? `编辑：${youth.name}` : '登记青年'}
        width={860}
        loading={check.isPending || save.isPending}
        okText="保存"
        initialValues={initial}
        onSubmit={(v) => check.mutate(toYouthBody(v))}
        onCancel={onClose}
      >
        <div
          style={{
            maxHeight: 'calc(100vh - 240px)',
            overflowY: 'auto',
            overflowX: 'hidden',
            paddingRight: 8,
          }}
        >
          <IdentityFields
            unitLabel={youth?.unit.name ?? me.unit.name}
            maskedId={youth?.idNumber}
            maskedPhone={youth?.phone}
          />
          <MoreFields />
        </div>
      </FormModal>
      {found && (
        <DuplicateModal
          matches={found.matches}
          idNumber={found.body.idNumber ?? undefined}
          onSaveAnyway={() => {
            setFound(null);
            save.mutate(found.body);
          }}
          onClose={() => setFound(null)}
          onDone={() => {
            setFound(null);
            onClose();
          }}
        />
      )}
    </>
  );
}
