#include "GlobalExecutorHook.h"

#include <stddef.h>

// The runtime's hook, from swift/Runtime/Concurrency.h: called with the job and the runtime's own
// enqueue, with the Swift calling convention.
typedef void (*original_enqueue)(void *job) __attribute__((swiftcall));
typedef void (*enqueue_global_hook)(void *job, original_enqueue original) __attribute__((swiftcall));
extern enqueue_global_hook swift_task_enqueueGlobal_hook;

static multisso_job_enqueuer installed_enqueuer;
static multisso_job_enqueuer armed_enqueuer;

static void __attribute__((swiftcall)) hand_over(void *job, original_enqueue original) {
    (void)original;
    installed_enqueuer(job);
}

bool multisso_install_global_enqueue(multisso_job_enqueuer enqueue) {
    enqueue_global_hook expected = NULL;
    if (__atomic_load_n(&swift_task_enqueueGlobal_hook, __ATOMIC_ACQUIRE) != NULL) return false;
    __atomic_store_n(&installed_enqueuer, enqueue, __ATOMIC_RELEASE);
    return __atomic_compare_exchange_n(&swift_task_enqueueGlobal_hook, &expected, hand_over, false,
                                       __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

void multisso_arm_global_enqueue(multisso_job_enqueuer enqueue) {
    __atomic_store_n(&armed_enqueuer, enqueue, __ATOMIC_RELEASE);
}

bool multisso_install_armed_global_enqueue(void) {
    if (__atomic_load_n(&armed_enqueuer, __ATOMIC_ACQUIRE) == NULL) return false;
    multisso_job_enqueuer enqueue = __atomic_exchange_n(&armed_enqueuer, NULL, __ATOMIC_ACQ_REL);
    return enqueue != NULL && multisso_install_global_enqueue(enqueue);
}
