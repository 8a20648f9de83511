#pragma once
// An SQLite VFS for fault injection: it passes every call to the default VFS but fails the
// Nth write, sync or truncate (counting from 1), once or from then on, as a full disk or a
// failing device would. Registered as "writ-faulty"; tests pass that name as the vfs.
#include <sqlite3.h>

namespace writ::test::faulty_vfs {

inline constexpr const char* kName = "writ-faulty";

struct State {
  sqlite3_vfs* root = nullptr;
  long count = 0;    // writes, syncs and truncates so far
  long fail_at = 0;  // 0: never
  bool persistent = false;
  int error = SQLITE_IOERR;
  bool fired = false;
};

inline State& state() {
  static State s;
  return s;
}

// Fail the `n`th operation from now with `error`; with `persistent`, every later one too.
inline void arm(long n, bool persistent, int error = SQLITE_IOERR) {
  State& s = state();
  s.count = 0;
  s.fail_at = n;
  s.persistent = persistent;
  s.error = error;
  s.fired = false;
}

inline void disarm() { state().fail_at = 0; }
inline bool fired() { return state().fired; }

// The file object: ours first, the default VFS's right after it in the same allocation.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
};

inline sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

inline bool should_fail() {
  State& s = state();
  if (s.fail_at == 0) return false;
  ++s.count;
  bool fail = s.count == s.fail_at || (s.persistent && s.count > s.fail_at);
  s.fired = s.fired || fail;
  return fail;
}

inline int x_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
inline int x_read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
  return real(f)->pMethods->xRead(real(f), p, n, off);
}
inline int x_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
  if (should_fail()) return state().error;
  return real(f)->pMethods->xWrite(real(f), p, n, off);
}
inline int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (should_fail()) return state().error;
  return real(f)->pMethods->xTruncate(real(f), size);
}
inline int x_sync(sqlite3_file* f, int flags) {
  if (should_fail()) return state().error;
  return real(f)->pMethods->xSync(real(f), flags);
}
inline int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
inline int x_lock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
inline int x_unlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
inline int x_check_reserved(sqlite3_file* f, int* out) {
  return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
inline int x_file_control(sqlite3_file* f, int op, void* arg) {
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}
inline int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
inline int x_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
inline int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** p) {
  return real(f)->pMethods->xShmMap(real(f), page, size, extend, p);
}
inline int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
inline void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
inline int x_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
inline int x_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** p) {
  return real(f)->pMethods->xFetch(real(f), off, n, p);
}
inline int x_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return real(f)->pMethods->xUnfetch(real(f), off, p);
}

inline const sqlite3_io_methods kMethods = {
    3,       x_close,          x_read,         x_write,        x_truncate,  x_sync,       x_file_size,
    x_lock,  x_unlock,         x_check_reserved, x_file_control, x_sector_size, x_device, x_shm_map,
    x_shm_lock, x_shm_barrier, x_shm_unmap,    x_fetch,        x_unfetch,
};

inline int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  sqlite3_vfs* root = state().root;
  File* file = reinterpret_cast<File*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  int rc = root->xOpen(root, name, file->real, flags, out_flags);
  file->base.pMethods = file->real->pMethods != nullptr ? &kMethods : nullptr;
  return rc;
}
inline int x_delete(sqlite3_vfs*, const char* name, int sync) {
  return state().root->xDelete(state().root, name, sync);
}
inline int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return state().root->xAccess(state().root, name, flags, out);
}
inline int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return state().root->xFullPathname(state().root, name, n, out);
}
inline int x_randomness(sqlite3_vfs*, int n, char* out) { return state().root->xRandomness(state().root, n, out); }
inline int x_sleep(sqlite3_vfs*, int us) { return state().root->xSleep(state().root, us); }
inline int x_current_time(sqlite3_vfs*, double* t) { return state().root->xCurrentTime(state().root, t); }
inline int x_last_error(sqlite3_vfs*, int n, char* out) { return state().root->xGetLastError(state().root, n, out); }
inline int x_current_time64(sqlite3_vfs*, sqlite3_int64* t) {
  return state().root->xCurrentTimeInt64(state().root, t);
}

// Registers the VFS once (not as the default); later calls do nothing.
inline void install() {
  static sqlite3_vfs vfs{};
  if (vfs.zName != nullptr) return;
  State& s = state();
  s.root = sqlite3_vfs_find(nullptr);
  vfs.iVersion = 2;
  vfs.szOsFile = static_cast<int>(sizeof(File)) + s.root->szOsFile;
  vfs.mxPathname = s.root->mxPathname;
  vfs.zName = kName;
  vfs.xOpen = x_open;
  vfs.xDelete = x_delete;
  vfs.xAccess = x_access;
  vfs.xFullPathname = x_full_pathname;
  vfs.xRandomness = x_randomness;
  vfs.xSleep = x_sleep;
  vfs.xCurrentTime = x_current_time;
  vfs.xGetLastError = x_last_error;
  vfs.xCurrentTimeInt64 = x_current_time64;
  sqlite3_vfs_register(&vfs, 0);
}

}  // namespace writ::test::faulty_vfs
