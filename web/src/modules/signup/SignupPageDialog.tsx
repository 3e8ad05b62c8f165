import { useState } from 'react';
import { App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { createSignupPage, updateSignupPage, type SignupPage } from '../../../../common/contracts/signup';
import { call, isVersionConflict } from '../../api/client';
import { FormModal } from '../../components/FormModal';

type Values = { title: string; intro?: string; period?: [Dayjs | null, Dayjs | null] | null };

const iso = (d: Dayjs | null | undefined) => (d ? d.second(0).millisecond(0).toISOString() : null);

/** 新建 or 修改 a sign-up page: a new page starts as 未发布 and opens with 开放报名. */
export function SignupPageDialog({
  page,
  onSaved,
  onClose,
}: {
  page?: SignupPage;
  onSaved: (page: SignupPage) => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const initial: Partial<Values> = page
    ? {
        title: page.title,
        intro: page.intro,
        period: [page.opensAt ? dayjs(page.opensAt) : null, page.closesAt ? dayjs(page.closesAt) : null],
      }
    : { intro: '' };

  const submit = async (v: Values) => {
    setSaving(true);
    const fields = {
      title: v.title,
      intro: v.intro ?? '',
      opensAt: iso(v.period?.[0]),
      closesAt: iso(v.period?.[1]),
    };
    try {
      const saved = page
        ? await call(updateSignupPage, {
            params: { id: page.id },
            body: { ...fields, version: page.version },
          })
        : await call(createSignupPage, { body: fields });
      message.success(page ? '已保存' : `已新建招募页面：${saved.title}`);
      onSaved(saved);
    } catch (e) {
      message.error(
        isVersionConflict(e)
          ? '该页面已被他人修改，请关闭后刷新再编辑'
          : e instanceof Error
            ? e.message
            : '保存失败',
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<Values>
      name="signup-page"
      title={page ? '修改招募页面' : '新建招募页面'}
      width={640}
      initialValues={initial}
      onSubmit={(v) => void submit(v)}
      onCancel={onClose}
      loading={saving}
      okText="保存"
    >
      <Form.Item
        name="title"
        label="页面标题"
        rules={[{ required: true, whitespace: true, message: '请填写页面标题' }]}
      >
        <Input maxLength={100} placeholder="如：2026 年新兴青年线上招募" />
      </Form.Item>
      <Form.Item name="intro" label="招募说明" extra="显示在报名表上方：招募谁、做什么、能得到什么支持">
        <Input.TextArea rows={5} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        name="period"
        label="报名时间"
        extra="可只填开始或截止；不填则开放后一直可报名，直到点击“结束招募”"
      >
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          placeholder={['开始时间', '截止时间']}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </FormModal>
  );
}
