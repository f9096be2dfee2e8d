import { useEffect, useRef } from 'react';
import type { ConflictView } from '../../../../src/api/sync-views';
import { useI18n } from '../../i18n';
import { BackLink, useHeadingFocus } from '../journey/screen';
import { ScreenHead, useAnnouncer, useEscapeBack, useLoad } from '../journey/shared';
import { LoadedList } from '../journey/tables';
import { ConflictCard } from './ConflictCard';
import { ConflictCount } from './ConflictCount';
import { fieldLabel } from './values';
import '../journey/journey.css';
import './sync.css';

/**
 * The review of what two offices changed at the same time: one card per open
 * question, settled one by one. A settled card leaves the list and the focus
 * moves to the next one, so a coordinator can work down the list by keyboard.
 */
export function ConflictsScreen() {
  const { t, tDynamic } = useI18n();
  const conflicts = useLoad('sync.conflicts', { status: 'open' });
  const { announce, node } = useAnnouncer();
  const heading = useHeadingFocus();
  const list = useRef<HTMLOListElement>(null);
  useEscapeBack({ name: 'sync' });

  /** Where the focus goes once the list has been reloaded: the card now at this place, else the heading. */
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    if (focusAt.current === null || !conflicts.value) return;
    const cards = list.current?.querySelectorAll<HTMLElement>('.sync-conflict h2') ?? [];
    const next = cards[Math.min(focusAt.current, cards.length - 1)];
    focusAt.current = null;
    (next ?? heading.current)?.focus();
  }, [conflicts.value, heading]);

  const settled = (c: ConflictView, index: number) => {
    announce(t('conflict.resolved', { case: c.caseNumber ?? c.rowId, field: fieldLabel(t, tDynamic, c) }));
    focusAt.current = index;
    void conflicts.reload();
  };

  return (
    <div className="journey sync">
      <BackLink href="#/sync">{t('conflict.back')}</BackLink>
      <ScreenHead title={t('conflict.title')} sub={t('conflict.intro')} headingRef={heading}>
        {conflicts.value && <ConflictCount n={conflicts.value.length} link={false} />}
      </ScreenHead>
      {node}
      <LoadedList items={conflicts.value} error={conflicts.error} empty={<p className="panel hint">{t('conflict.none')}</p>}>
        {(items) => (
          <ol className="j-plain sync-conflicts" ref={list} data-testid="conflicts">
            {items.map((c, i) => (
              <ConflictCard key={c.id} conflict={c} onSettled={() => settled(c, i)} />
            ))}
          </ol>
        )}
      </LoadedList>
    </div>
  );
}
