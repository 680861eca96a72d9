#ifndef SLO_CSYSTEM_H
#define SLO_CSYSTEM_H

/// Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (ENOSYS/EINVAL where the kernel or file system cannot exchange).
int slo_exchange_paths(const char *first, const char *second);

#endif
