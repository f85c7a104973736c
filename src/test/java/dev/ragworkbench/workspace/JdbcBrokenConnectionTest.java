package dev.ragworkbench.workspace;

import org.h2.message.DbException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of H2's errors are a connection that broke (and so may be retried) rather than work that went wrong. The
 * exceptions are H2's own, made the way its client makes them when the serving process's socket ends.
 */
class JdbcBrokenConnectionTest {

    @Test
    void theServingProcessClosingItsSocketIsABrokenConnection() {
        // CI saw this one while the process serving the file (AUTO_SERVER) exited under a reading client
        assertThat(Jdbc.brokenConnection(DbException.convertIOException(new EOFException(), null).getSQLException()))
                .isTrue();
        assertThat(Jdbc.brokenConnection(
                DbException.convertIOException(new SocketException("Connection reset"), null).getSQLException()))
                .isTrue();
        assertThat(Jdbc.brokenConnection(new IllegalStateException("wrapped",
                DbException.convertIOException(new EOFException(), null).getSQLException()))).isTrue();
    }

    @Test
    void anyIoErrorCountsOnAServedConnection() {
        // CI saw this one, with no cause, in a run reading documents while the poller serving it exited; it is a
        // broken connection only where another process serves the file (Jdbc.withConnection checks that)
        var empty = DbException.get(org.h2.api.ErrorCode.IO_EXCEPTION_1, "").getSQLException();
        assertThat(Jdbc.brokenConnection(empty)).isFalse();
        assertThat(Jdbc.ioError(empty)).isTrue();
        assertThat(Jdbc.ioError(new IllegalStateException("wrapped", empty))).isTrue();
        assertThat(Jdbc.ioError(DbException.get(org.h2.api.ErrorCode.SYNTAX_ERROR_1, "x").getSQLException())).isFalse();
    }

    @Test
    void aFileThatCannotBeReadIsNotRetried() {
        assertThat(Jdbc.brokenConnection(
                DbException.convertIOException(new IOException("No space left on device"), null).getSQLException()))
                .isFalse();
        assertThat(Jdbc.brokenConnection(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
