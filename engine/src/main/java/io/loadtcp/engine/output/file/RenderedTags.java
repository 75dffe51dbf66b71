package io.loadtcp.engine.output.file;

import io.loadtcp.engine.metrics.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Each tag set's text in a file format, made once: rendering tags is most of a line's work, and sockets reuse theirs.
 * Bounded, so that a script tagging every sample differently cannot grow it without end.
 */
final class RenderedTags {
    private static final int MAX_CACHED = 10_000;

    private final Function<Tags, String> render;
    private final Map<Tags, String> rendered = new HashMap<>();

    RenderedTags(Function<Tags, String> render) {
        this.render = render;
    }

    String of(Tags tags) {
        String text = rendered.get(tags);
        if (text == null) {
            if (rendered.size() >= MAX_CACHED) rendered.clear();
            text = render.apply(tags);
            rendered.put(tags, text);
        }
        return text;
    }
}
