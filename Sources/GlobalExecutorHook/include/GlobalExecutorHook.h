#ifndef MULTISSO_GLOBAL_EXECUTOR_HOOK_H
#define MULTISSO_GLOBAL_EXECUTOR_HOOK_H

#include <stdbool.h>

/// Where Swift concurrency's global executor sends each job once the hook is installed: a C function
/// that takes the job (a `swift::Job *`, Swift's `UnownedJob`).
typedef void (*multisso_job_enqueuer)(void *_Nonnull job);

/// Installs a hook on the Swift runtime's global executor (`swift_task_enqueueGlobal_hook`) that hands
/// every job to `enqueue` instead of the runtime's own thread pool. Returns false, changing nothing,
/// when a hook is already installed. The runtime's variable is referenced by name at link time, so
/// this works in a binary linked with `--static-swift-stdlib`, whose runtime exports no symbol to look
/// up with `dlsym`.
bool multisso_install_global_enqueue(multisso_job_enqueuer _Nonnull enqueue);

/// Keeps `enqueue` for `multisso_install_armed_global_enqueue`, which installs it later.
void multisso_arm_global_enqueue(multisso_job_enqueuer _Nonnull enqueue);

/// Installs the armed enqueuer, once: true the first time after `multisso_arm_global_enqueue` when the
/// hook was free; false without an armed enqueuer (one atomic load), or when it was used already.
bool multisso_install_armed_global_enqueue(void);

#endif
