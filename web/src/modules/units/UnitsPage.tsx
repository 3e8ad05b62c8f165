import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Card, Flex, Input, Switch, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useViewer } from '../../app/session';
import { useDebounced } from '../../components/useDebounced';
import { UnitDetail } from './UnitDetail';
import { UnitResults } from './UnitResults';
import { UnitTree } from './UnitTree';

const PANEL_HEIGHT = 'calc(100vh - 59px - 32px)';

export function UnitsPage() {
  const me = useViewer();
  const [search, setSearch] = useSearchParams();
  const [text, setText] = useState('');
  const [keyCitiesOnly, setKeyCitiesOnly] = useState(false);
  const q = useDebounced(text.trim());
  const selectedId = Number(search.get('unit')) || me.unit.id;
  const select = (id: number) => setSearch({ unit: String(id) }, { replace: true });
  const listing = keyCitiesOnly || q.length > 0;

  return (
    <Flex gap={16} align="flex-start">
      <Card
        size="small"
        style={{ width: 340, flex: 'none', height: PANEL_HEIGHT, display: 'flex', flexDirection: 'column' }}
        styles={{ body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', padding: 12 } }}
      >
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="输入名称、拼音或首字母查找"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Flex align="center" gap={8} style={{ margin: '10px 0 8px' }}>
          <Switch
            size="small"
            checked={keyCitiesOnly}
            onChange={setKeyCitiesOnly}
            data-testid="key-city-filter"
          />
          <Typography.Text style={{ cursor: 'pointer' }} onClick={() => setKeyCitiesOnly((v) => !v)}>
            只看重点联系城市
          </Typography.Text>
        </Flex>
        <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          {listing ? (
            <UnitResults q={q} keyCitiesOnly={keyCitiesOnly} selectedId={selectedId} onSelect={select} />
          ) : (
            <div data-testid="unit-tree">
              <UnitTree selectedId={selectedId} onSelect={select} />
            </div>
          )}
        </div>
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        <UnitDetail id={selectedId} onSelect={select} />
      </div>
    </Flex>
  );
}
