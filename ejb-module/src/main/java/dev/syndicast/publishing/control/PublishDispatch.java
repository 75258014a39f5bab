package dev.syndicast.publishing.control;

import java.time.Instant;
import java.util.List;

/**
 * What the dispatcher announces: "these jobs are due at {@code deliverAt}, publish them". Implemented with JMS
 * (the message is held by the broker until then); tests and other servers may swap it.
 */
public interface PublishDispatch {

    void enqueue(List<JobTicket> jobs, Instant deliverAt);

    /** A job id and the dispatch generation the message belongs to. */
    record JobTicket(java.util.UUID jobId, int generation) {

        public String encode() {
            return jobId + ":" + generation;
        }

        /** @return null when the text is not a ticket */
        public static JobTicket decode(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                return null;
            }
            try {
                return new JobTicket(java.util.UUID.fromString(text.substring(0, colon).strip()),
                        Integer.parseInt(text.substring(colon + 1).strip()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    static String encode(List<JobTicket> jobs) {
        return String.join("\n", jobs.stream().map(JobTicket::encode).toList());
    }

    static List<JobTicket> decode(String body) {
        if (body == null) {
            return List.of();
        }
        return body.lines().filter(l -> !l.isBlank()).map(JobTicket::decode).filter(java.util.Objects::nonNull).toList();
    }
}
