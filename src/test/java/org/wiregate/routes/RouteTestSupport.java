package org.wiregate.routes;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.ingest.Inbox;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.PayloadRepository;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * What every route test shares: the pipeline's beans without the web layer ({@link RouteTestContext},
 * no servlet container), its own inbox under target/test-work and its own in-memory H2, demo copy off,
 * fast file polling; and helpers to hand a route what the stage before it leaves on an exchange.
 *
 * <p>A test class that changes its route with {@code AdviceWith} is annotated {@code @UseAdviceWith},
 * so Camel waits, and calls {@link #adviseOnceThenStart} from a {@code @BeforeEach}.
 *
 * <p>{@code @DirtiesContext}: each test class advises its own route, so no class may inherit another's
 * advised CamelContext from Spring's context cache (the properties below are alike for every class);
 * closing the context after the class also stops its file consumers.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, webEnvironment = WebEnvironment.NONE)
@DirtiesContext
public abstract class RouteTestSupport {

    /** The headers the routes pass between stages (routes/pipeline.yaml). */
    protected static final String SOURCE = "gatewaySource";

    protected static final String PAYLOAD = "gatewayPayload";
    protected static final String OUTCOME = "gatewayOutcome";
    protected static final String REPLAY = "gatewayReplay";
    protected static final String FILE_ABSOLUTE_PATH = "CamelFileAbsolutePath";

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected ProducerTemplate producer;

    @Autowired
    protected Inbox inbox;

    @Autowired
    protected PayloadRepository payloads;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected Clock clock;

    /** Called once per Spring context, i.e. once per test class (see {@code @DirtiesContext}). */
    @DynamicPropertySource
    static void routeTestProperties(DynamicPropertyRegistry registry) {
        Path work = TestDirectories.create("routes");
        GatewayTestProperties.register(registry, "routes-" + UUID.randomUUID(), work.resolve("inbox"));
    }

    /** Changes routes before Camel starts; see {@link #adviseOnceThenStart}. */
    @FunctionalInterface
    protected interface Advice {
        void apply() throws Exception;
    }

    /**
     * For classes annotated {@code @UseAdviceWith}, whose CamelContext does not start by itself: the
     * first test applies the advice and starts Camel, and every test begins with reset mock endpoints.
     */
    protected final void adviseOnceThenStart(Advice advice) throws Exception {
        if (!camel.isStarted()) {
            advice.apply();
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
    }

    protected final MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    /** Bytes as the capture stage keeps them: the payload row the later stages refer to. */
    protected final CapturedPayload captured(String source, String fileName, byte[] content) {
        return payloads.capture(source, fileName, content, clock.instant());
    }

    /** The headers a file-drop route and the capture stage leave for {@code direct:parse}. */
    protected final Map<String, Object> afterCapture(String source, String fileName, CapturedPayload payload) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(SOURCE, source);
        headers.put(Exchange.FILE_NAME, fileName);
        headers.put(FILE_ABSOLUTE_PATH, inboxFile(source, fileName).toString());
        headers.put(PAYLOAD, payload);
        return headers;
    }

    /**
     * Exchanges of whole files from an ingest route. The parse stage's split gives every item an
     * exchange of its own, also from this route, so those are left out. A file's exchange is done once
     * the consumer has moved the file (to .done/ or .error/).
     */
    protected final NotifyBuilder filesDone(String ingestRoute) {
        return new NotifyBuilder(camel)
                .fromRoute(ingestRoute)
                .filter(exchange -> exchange.getProperty(Exchange.SPLIT_INDEX) == null);
    }

    /** Where a file-drop route finds {@code fileName} from {@code source}. */
    protected final Path inboxFile(String source, String fileName) {
        return inbox.folderOf(source).resolve(fileName);
    }

    /** Computed here, not with the gateway's own helper, so a wrong fingerprint there shows. */
    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
