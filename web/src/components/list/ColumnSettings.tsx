import { useCallback, useState, type Key } from 'react';
import { Button, Checkbox, Divider, Flex, Popover, Tooltip } from 'antd';
import { SettingOutlined } from '@ant-design/icons';

export type ColumnOption = { key: string; title: string };

const storageKey = (listKey: string) => `zm.list.${listKey}.hiddenColumns`;

function readHidden(listKey: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(listKey)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Hidden column keys of one list, remembered in this browser. */
export function useHiddenColumns(listKey: string) {
  const [hidden, setHiddenState] = useState(() => readHidden(listKey));
  const setHidden = useCallback(
    (keys: string[]) => {
      setHiddenState(keys);
      try {
        if (keys.length) localStorage.setItem(storageKey(listKey), JSON.stringify(keys));
        else localStorage.removeItem(storageKey(listKey));
      } catch {
        // Storage full or disabled: the choice still holds for this visit.
      }
    },
    [listKey],
  );
  return [hidden, setHidden] as const;
}

type Props = { columns: ColumnOption[]; hidden: string[]; onChange: (hidden: string[]) => void };

export function ColumnSettings({ columns, hidden, onChange }: Props) {
  const visible = columns.filter((c) => !hidden.includes(c.key)).map((c) => c.key);
  const content = (
    <div style={{ minWidth: 160 }}>
      <Checkbox.Group
        value={visible}
        onChange={(keys: Key[]) => {
          if (keys.length === 0) return;
          onChange(columns.map((c) => c.key).filter((k) => !keys.includes(k)));
        }}
      >
        <Flex vertical gap={6}>
          {columns.map((c) => (
            <Checkbox key={c.key} value={c.key}>
              {c.title}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      <Divider style={{ margin: '10px 0' }} />
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        disabled={!hidden.length}
        onClick={() => onChange([])}
      >
        恢复默认
      </Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title="显示列" content={content}>
      <Tooltip title="列设置">
        <Button icon={<SettingOutlined />} aria-label="列设置" />
      </Tooltip>
    </Popover>
  );
}
