package dev.poolwise.advisor.inspect;

import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.advisor.Provider;

/**
 * What a host name (and port) says about who runs the database and what sits in front of it.
 *
 * @param provider the provider, {@link Provider#SELF_MANAGED} for a host no pattern matched (and for Amazon
 *                 RDS instances, which the advisor treats as servers you size yourself)
 * @param pooler   the pooler the host or port names, {@link PoolerKind#NONE} when it names none
 * @param service  the service for people, e.g. {@code Neon, pooled endpoint (-pooler)}
 * @param evidence which pattern matched, e.g. {@code *.neon.tech, endpoint id ends in -pooler}
 */
public record RecognizedHost(Provider provider, PoolerKind pooler, String service, String evidence) {

    /** Checks that every part is set. */
    public RecognizedHost {
        if (provider == null || pooler == null || service == null || evidence == null) {
            throw new IllegalArgumentException("provider, pooler, service and evidence must all be set");
        }
    }

    /** @return whether a provider's pattern matched (false for an unrecognized host) */
    public boolean isRecognized() {
        return !evidence.isEmpty();
    }
}
