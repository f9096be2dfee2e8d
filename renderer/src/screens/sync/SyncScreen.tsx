import { useI18n } from '../../i18n';
import { Loading } from '../../components/ui';
import { EngineError } from '../detail/EngineError';
import { useHeadingFocus } from '../journey/screen';
import { ScreenHead, useAnnouncer, useLoad } from '../journey/shared';
import { BundlesSection } from './BundlesSection';
import { ConflictCount } from './ConflictCount';
import { FolderSection } from './FolderSection';
import { PeersSection } from './PeersSection';
import { UsbSection } from './UsbSection';
import '../journey/journey.css';
import './sync.css';

/**
 * The sync screen: this office and its sync folder, a pass over the folder,
 * the peer offices, bundles carried by hand, and the last bundles in and out.
 * Everything shown comes from one `sync.status`, reloaded after each action.
 */
export function SyncScreen() {
  const { t } = useI18n();
  const status = useLoad('sync.status', {});
  const { announce, node } = useAnnouncer();
  const heading = useHeadingFocus();
  const reload = () => void status.reload();
  const s = status.value;

  return (
    <div className="journey sync">
      <ScreenHead title={t('sync.title')} sub={t('sync.intro')} headingRef={heading}>
        {s && <ConflictCount n={s.openConflicts} />}
      </ScreenHead>
      {node}
      <EngineError error={status.error} />
      {!s ? (
        !status.error && <Loading />
      ) : (
        <>
          <FolderSection status={s} onChanged={reload} announce={announce} />
          <PeersSection peers={s.peers} onChanged={reload} announce={announce} />
          <UsbSection peers={s.peers} onChanged={reload} announce={announce} />
          <BundlesSection bundles={s.lastBundles} />
        </>
      )}
    </div>
  );
}
