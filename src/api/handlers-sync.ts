/** Handlers for office-to-office sync: peers, bundles, the sync folder and the conflict queue. */
import { HomewardError } from '../domain/errors';
import { writeMeta } from '../db/query';
import { importBundle } from '../services/sync/apply';
import { listConflicts, resolveConflict, syncStatus } from '../services/sync/conflicts';
import { exportBundle } from '../services/sync/export';
import { syncFolderPass } from '../services/sync/folder';
import { SYNC_FOLDER_META, syncFolder } from '../services/sync/state';
import { addPeer, listPeers, previewPeerCard, removePeer } from '../services/sync/peers';
import type { CallArgs, CallName, CallOutput } from './contract';
import type { Session } from './dispatch';
import { office } from './office';

type Some<K extends CallName> = { [P in K]: (session: Session, args: CallArgs<P>) => CallOutput<P> };

export const syncHandlers: Some<
  'peer.list' | 'peer.preview' | 'peer.add' | 'peer.remove' | 'sync.status' | 'sync.export' | 'sync.import' | 'sync.folderPass' | 'sync.setFolder' | 'sync.conflicts' | 'sync.resolveConflict'
> = {
  'peer.list': (session) => listPeers(office(session).db),
  'peer.preview': (_session, a) => previewPeerCard(a.card),
  'peer.add': (session, a) => addPeer(office(session), session.actor, a),
  'peer.remove': (session, a) => removePeer(office(session), session.actor, a.office, a.reason),
  'sync.status': (session) => syncStatus(office(session)),
  'sync.export': (session, a) => {
    const out = exportBundle(office(session), session.actor, a.to, { outDir: a.folder, always: a.always });
    return { ...out.view, data: a.folder || !out.bytes ? null : out.bytes.toString('base64') };
  },
  'sync.import': (session, a) => importBundle(office(session), session.actor, Buffer.from(a.data, 'base64'), { fileName: a.fileName ?? null, allowDeletes: a.allowDeletes }),
  'sync.folderPass': (session, a) => {
    const store = office(session);
    const folder = a.folder ?? syncFolder(store);
    if (!folder) throw new HomewardError('VALIDATION_FAILED', 'No sync folder is set. Choose the folder Syncthing (or the shared drive, or the USB stick) keeps for Homeward, then run the pass.');
    return syncFolderPass(store, session.actor, folder, { allowDeletes: a.allowDeletes });
  },
  'sync.setFolder': (session, a) => {
    const store = office(session);
    store.write(session.actor, (tx) => {
      writeMeta(tx.db, SYNC_FOLDER_META, a.folder);
    });
    return syncStatus(store);
  },
  'sync.conflicts': (session, a) => listConflicts(office(session).db, { status: a.status, personId: a.personId }),
  'sync.resolveConflict': (session, a) => resolveConflict(office(session), session.actor, a),
};
