"""A TCP proxy between the service and its database whose line can be cut and restored.

Used by `scripts/load.py --db-outage` and the fault tests: the shared database server is
never stopped, the service only loses its way to it. While the line is cut, open
connections are closed and new ones are accepted and closed at once, as a server that
went away would answer.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class DatabaseProxy:
    """Forward 127.0.0.1:<port> to a database server until told to cut the line."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._up = threading.Event()
        self._up.set()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, name="db proxy", daemon=True)

    def __enter__(self) -> DatabaseProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopped.set()
        self._close_all()
        # shutdown() wakes the accept() blocked in the proxy's thread; close() alone may not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)
        self._listener.close()

    def cut(self) -> None:
        """Close every connection through the proxy and refuse new ones."""
        self._up.clear()
        self._close_all()

    def restore(self) -> None:
        """Let connections through again."""
        self._up.set()

    def _close_all(self) -> None:
        with self._lock:
            sockets, self._open = self._open, set()
        for sock in sockets:
            # Shut down, not closed: the pumps still blocked on them close them when they end.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._up.is_set():
                client.close()
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._open.update((client, server))
            threading.Thread(target=self._carry, args=(client, server), daemon=True).start()

    def _carry(self, client: socket.socket, server: socket.socket) -> None:
        back = threading.Thread(target=self._pump, args=(server, client), daemon=True)
        back.start()
        self._pump(client, server)
        back.join()
        with self._lock:
            self._open.discard(client)
            self._open.discard(server)
        client.close()
        server.close()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            # One side closing ends the pair, as a dropped line ends both directions.
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
