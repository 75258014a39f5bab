package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.Quality;
import dev.syndicast.rendering.entity.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How long each stage should take for a video of a given length and quality. Measured: the mean seconds per
 * video-second of each stage over this installation's last completed sessions of the same quality. Until there
 * are any, figures measured on a 2-core machine (ultrafast encoding at about 0.15x real time at 1080x1920).
 */
@ApplicationScoped
public class StageEstimates {

    /** How many recent completed sessions the measured rates average over. */
    static final int SAMPLE = 20;

    @PersistenceContext
    EntityManager em;

    public Map<Stage, Double> forVideo(int durationSeconds, Quality quality) {
        Map<Stage, Double> measured = measuredRates(quality);
        Map<Stage, Double> estimates = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.WORKING) {
            Double rate = measured.get(stage);
            estimates.put(stage, rate != null ? Math.max(0.1, rate * durationSeconds) : defaultSeconds(stage, durationSeconds, quality));
        }
        return estimates;
    }

    static double defaultSeconds(Stage stage, int durationSeconds, Quality quality) {
        double pixels = quality.pixelFactor();
        return switch (stage) {
            case RESEARCHING, SCRIPTING -> 0.2;
            case ASSET_SOURCING -> 0.3 + durationSeconds / 6.0 * 0.06 * pixels;
            case AUDIO_GENERATION -> 1.0 + 0.03 * durationSeconds;
            case VIDEO_ASSEMBLY -> 1.0 + 0.15 * durationSeconds * Math.max(0.15, pixels);
            case FINALIZING -> 0.5 + 0.005 * durationSeconds;
            case INITIALIZING -> 0;
        };
    }

    private Map<Stage, Double> measuredRates(Quality quality) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select st.stage, avg(extract(epoch from (st.end_time - st.start_time)) / s.duration_preference)
                          from render_stages st
                          join (select id, duration_preference from render_sessions
                                 where status = 'COMPLETED' and quality = ?1
                                 order by finished_at desc limit ?2) s on s.id = st.session_id
                         where st.end_time is not null
                         group by st.stage""")
                .setParameter(1, quality.name())
                .setParameter(2, SAMPLE)
                .getResultList();
        Map<Stage, Double> rates = new EnumMap<>(Stage.class);
        for (Object[] row : rows) {
            rates.put(Stage.valueOf((String) row[0]), ((Number) row[1]).doubleValue());
        }
        return rates;
    }
}
