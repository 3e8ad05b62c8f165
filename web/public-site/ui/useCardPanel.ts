import { useEffect, useRef, useState } from 'react';

/**
 * A status card's open panel (none, edit or withdraw), the heading that takes the focus whenever it
 * changes, and what a finished panel says.
 */
export function useCardPanel<T>(onChange: (status: T) => void) {
  const [panel, setPanel] = useState<'none' | 'edit' | 'withdraw'>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [panel]);

  const done = (next: T, message: string) => {
    onChange(next);
    setNotice(message);
    setPanel('none');
  };
  return { panel, setPanel, notice, heading, done };
}
