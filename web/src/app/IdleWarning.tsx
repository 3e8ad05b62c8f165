import { useEffect, useState } from 'react';
import { Button, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { lastServerContact } from '../api/client';
import { ME_KEY } from './session';
import { useLogout } from './useLogout';

function mmss(ms: number) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The server ends a session after `minutes` without requests. Warn shortly before; on expiry ask
 * the server again, whose 401 takes the user to the login page with the server's own message.
 */
export function IdleWarning({ minutes }: { minutes: number }) {
  const queryClient = useQueryClient();
  const signOut = useLogout();
  const [remaining, setRemaining] = useState<number | null>(null);
  const timeout = minutes * 60_000;
  const warnWindow = Math.min(2 * 60_000, timeout / 2);

  useEffect(() => {
    const timer = setInterval(() => {
      const left = lastServerContact() + timeout - Date.now();
      if (left <= 0) {
        setRemaining(null);
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
      } else {
        setRemaining(left <= warnWindow ? Math.ceil(left / 1000) * 1000 : null);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [queryClient, timeout, warnWindow]);

  return (
    <Modal
      open={remaining !== null}
      title="即将自动退出"
      closable={false}
      mask={{ closable: false }}
      footer={[
        <Button key="out" onClick={() => void signOut()}>
          立即退出
        </Button>,
        <Button
          key="stay"
          type="primary"
          onClick={async () => {
            // Any request resets the server's idle timer; a 401 here ends the session as usual.
            await queryClient.refetchQueries({ queryKey: ME_KEY });
            setRemaining(null);
          }}
        >
          继续使用
        </Button>,
      ]}
    >
      您已较长时间未操作。为保护数据安全，系统将在 <b>{mmss(remaining ?? 0)}</b> 后自动退出登录。
    </Modal>
  );
}
