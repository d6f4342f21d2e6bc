/* The credential server's baseline: the least an HTTP/1.1 server on this machine can do per request.
 *
 * One loopback listener, one epoll loop per thread (as many threads as the credential server's event
 * loops: one per core), keep-alive connections, and for every complete request head a fixed 200 answer
 * whose body is as long as the credential server's (--body-bytes). No parsing beyond finding the end of
 * each head, no routing, no authorization: whatever a real server does on top costs more.
 *
 *   static_server [--threads N] [--body-bytes B]   prints "listening on http://127.0.0.1:PORT"
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFFER 16384

struct connection {
    int fd;
    size_t used;
    char buffer[BUFFER];
};

static int listener;
static char *response;
static size_t response_length;

static void close_connection(int epoll, struct connection *c) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

/* Answers every complete request head in the buffer; false when the connection is done. */
static int serve(struct connection *c) {
    for (;;) {
        ssize_t n = read(c->fd, c->buffer + c->used, BUFFER - c->used);
        if (n == 0) return 0;
        if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
        c->used += (size_t)n;
        char *start = c->buffer;
        char *end;
        while ((end = memmem(start, c->used - (size_t)(start - c->buffer), "\r\n\r\n", 4)) != NULL) {
            if (write(c->fd, response, response_length) != (ssize_t)response_length) return 0;
            start = end + 4;
        }
        c->used -= (size_t)(start - c->buffer);
        memmove(c->buffer, start, c->used);
        if (c->used == BUFFER) return 0;
    }
}

static void *loop(void *unused) {
    (void)unused;
    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = NULL};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[256];
    for (;;) {
        int ready = epoll_wait(epoll, events, 256, -1);
        for (int i = 0; i < ready; i++) {
            struct connection *c = events[i].data.ptr;
            if (c == NULL) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct connection *accepted = calloc(1, sizeof *accepted);
                    accepted->fd = fd;
                    struct epoll_event add = {.events = EPOLLIN, .data.ptr = accepted};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &add);
                }
            } else if (!serve(c)) {
                close_connection(epoll, c);
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    size_t body_bytes = 900;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--threads") == 0) threads = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--body-bytes") == 0) body_bytes = (size_t)atol(argv[i + 1]);
    }
    char head[256];
    int head_length = snprintf(head, sizeof head,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n", body_bytes);
    response_length = (size_t)head_length + body_bytes;
    response = malloc(response_length);
    memcpy(response, head, (size_t)head_length);
    memset(response + head_length, 'x', body_bytes);

    listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1024) != 0 ||
        getsockname(listener, (struct sockaddr *)&address, &length) != 0) {
        perror("static_server");
        return 1;
    }
    printf("listening on http://127.0.0.1:%d\n", ntohs(address.sin_port));
    fflush(stdout);
    pthread_t thread;
    for (int i = 1; i < threads; i++) pthread_create(&thread, NULL, loop, NULL);
    loop(NULL);
    return 0;
}
