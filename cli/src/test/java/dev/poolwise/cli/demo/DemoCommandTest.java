package dev.poolwise.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.poolwise.cli.CommandLineRun;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void runsAFixedNumberOfOperationsOnEmbeddedPostgresWithinThePoolSize() {
        CommandLineRun run = CommandLineRun.of("demo", "--operations", "200", "--pool-size", "2", "--threads", "4");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("embedded PostgreSQL")
                .containsPattern("Operations\\s+200 done in .*, 0 failed")
                .contains("sum of balances 100,000, expected 100,000: ok");
        assertThat(number(run.out(), "connections\\s+total (\\d+) of max 2")).isBetween(1L, 2L);
        // Every connection the pool opened was closed by the end.
        Matcher afterClose = Pattern.compile("after close\\s+total 0, opened (\\d+), closed (\\d+)").matcher(run.out());
        assertThat(afterClose.find()).as(run.out()).isTrue();
        assertThat(afterClose.group(2)).isEqualTo(afterClose.group(1));
        assertThat(number(run.out(), "getConnection\\s+.*?\\s([\\d,]+)\\n")).isEqualTo(200);
    }

    @Test
    void runsAgainstMariaDbGivenItsUrl() {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || reachable("127.0.0.1", 3306), "no MariaDB on 127.0.0.1:3306");

        CommandLineRun run = CommandLineRun.of("demo", "--url", "jdbc:mariadb://127.0.0.1:3306/test", "--user", "root",
                "--operations", "100", "--pool-size", "3", "--threads", "6");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("Operations\\s+100 done").contains("expected 100,000: ok");
        assertThat(number(run.out(), "connections\\s+total (\\d+) of max 3")).isBetween(1L, 3L);
    }

    private static long number(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("/%s/ in:%n%s", regex, text).isTrue();
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
