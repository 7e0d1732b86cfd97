package dev.poolwise.cli.top;

/** Which pool library published a pool's MBean: the {@code KIND} column of {@code poolwise top}. */
public enum PoolLibrary {

    /** A Poolwise pool: {@code dev.poolwise:type=Pool,name=<poolName>}. */
    POOLWISE("poolwise"),

    /** A HikariCP pool: {@code com.zaxxer.hikari:type=Pool (<poolName>)}, with its {@code PoolConfig} twin. */
    HIKARI("hikari");

    private final String label;

    PoolLibrary(String label) {
        this.label = label;
    }

    /** @return the word the table shows, {@code poolwise} or {@code hikari} */
    public String label() {
        return label;
    }
}
