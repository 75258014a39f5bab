package dev.syndicast.core.entity;

/** Another service (a social platform, a provider) failed or refused; not the caller's mistake and not our bug: 502. */
public class UpstreamException extends DomainException {

    public UpstreamException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.UPSTREAM;
    }
}
