package dev.poolwise.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalJvmTest {

    @Test
    void describeMasksPasswordsInUrlsAndArguments() {
        LocalJvm jvm = new LocalJvm(1, "com.example.App jdbc:postgresql://db/app?user=a&password=hunter2"
                + " --db-password s3cret --password=letmein -token abc jdbc:mysql://u:pa55@db/x --verbose");

        String described = jvm.describe();

        assertThat(described).doesNotContain("hunter2", "s3cret", "letmein", "abc", "pa55")
                .isEqualTo("com.example.App jdbc:postgresql://db/app?user=a&password=**** --db-password ****"
                        + " --password=**** -token **** jdbc:mysql://u:****@db/x --verbose");
    }

    @Test
    void aSecretFlagFollowedByAnotherFlagMasksNothingElse() {
        assertThat(new LocalJvm(1, "App --password --verbose").describe()).isEqualTo("App --password --verbose");
    }

    @Test
    void mainClassIsTheFirstWordAndBlankNamesSaySo() {
        assertThat(new LocalJvm(1, "com.example.App --port 8080").mainClass()).isEqualTo("com.example.App");
        assertThat(new LocalJvm(1, "/opt/app.jar").mainClass()).isEqualTo("/opt/app.jar");
        assertThat(new LocalJvm(1, " ").describe()).isEqualTo("(no name)");
        assertThat(new LocalJvm(1, null).mainClass()).isEqualTo("(no name)");
    }
}
