package org.wiregate.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.leadership.ClusterSettings;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.StoreOutcome;

/**
 * Hears the other instances: one connection of its own to PostgreSQL (outside the pool, which
 * would hand it to someone else), {@code LISTEN} on the channel, and a daemon thread waiting on
 * {@link PGConnection#getNotifications(int)}. Each announcement from another instance becomes a
 * local event ({@link ArticleChangedElsewhere} with the article read again from the store,
 * {@link AnnouncedElsewhere}); its own are ignored. Whenever it starts listening, first time or
 * after a lost connection, it publishes {@link AnnouncementsMissed}: whatever was said while it was
 * not listening is lost, so every cache is dropped. Does nothing on H2.
 */
@Component
public class ClusterListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterListener.class);

    /** How long one wait for notifications lasts, so a stop is noticed within it. */
    private static final int WAIT_MILLIS = 250;

    private final ClusterSettings settings;
    private final ArticleRepository articles;
    private final ApplicationEventPublisher events;
    private final Duration checkEvery;
    private final Duration maxBackoff;

    private final AtomicLong heard = new AtomicLong();
    private final AtomicLong ownIgnored = new AtomicLong();
    private final AtomicLong listens = new AtomicLong();
    private volatile Thread thread;
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private volatile Integer backendPid;

    ClusterListener(
            ClusterSettings settings,
            ArticleRepository articles,
            ApplicationEventPublisher events,
            @Value("${gateway.cluster.check-every:PT10S}") Duration checkEvery,
            @Value("${gateway.cluster.max-reconnect-delay:PT5S}") Duration maxBackoff) {
        this.settings = settings;
        this.articles = articles;
        this.events = events;
        this.checkEvery = checkEvery;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void start() {
        if (!settings.enabled() || thread != null) {
            return;
        }
        stopping = new CountDownLatch(1);
        Thread listener = new Thread(this::listenUntilStopped, "cluster-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        Thread listener = thread;
        if (listener == null) {
            return;
        }
        stopping.countDown();
        try {
            listener.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** After the store and the caches, before the web server takes requests (which starts at MAX_VALUE - 1024). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    /** The PostgreSQL backend serving the listening connection while it listens (for tests and ops). */
    public Optional<Integer> backendPid() {
        return Optional.ofNullable(backendPid);
    }

    /** How many times it started listening: 1 after start, one more per reconnect. */
    public long listens() {
        return listens.get();
    }

    /** Announcements heard from other instances. */
    public long heard() {
        return heard.get();
    }

    /** This instance's own announcements, heard and ignored. */
    public long ownIgnored() {
        return ownIgnored.get();
    }

    private void listenUntilStopped() {
        Duration backoff = Duration.ofMillis(100);
        int failures = 0;
        while (stopping.getCount() > 0) {
            try (Connection connection = connect()) {
                listen(connection);
                backoff = Duration.ofMillis(100);
                failures = 0;
                receiveUntilStoppedOrLost(connection);
            } catch (SQLException | RuntimeException e) {
                backendPid = null;
                if (stopping.getCount() == 0) {
                    return;
                }
                // One line when it is lost and one a minute while the database stays away, not one per attempt.
                if (failures++ % 12 == 0) {
                    log.warn(
                            "cluster: not listening on PostgreSQL ({}); trying again in {} ms, then every cache is"
                                    + " dropped",
                            e.getMessage(),
                            backoff.toMillis());
                }
                if (await(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("ApplicationName", "wiregate-cluster-listener " + settings.instanceId());
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        Connection connection = DriverManager.getConnection(settings.url(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private void listen(Connection connection) throws SQLException {
        String channel;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_schema(), pg_backend_pid()")) {
            rs.next();
            channel = settings.channelFor(rs.getString(1));
            backendPid = rs.getInt(2);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + channel + "\"");
        }
        long count = listens.incrementAndGet();
        log.info(
                "cluster: instance {} listening on channel {}{}",
                settings.instanceId(),
                channel,
                count > 1 ? " again; dropping every cache for what was missed meanwhile" : "");
        // Anything announced before LISTEN took effect is lost to this instance: start from nothing cached.
        events.publishEvent(new AnnouncementsMissed(count > 1 ? "reconnected" : "started listening"));
    }

    private void receiveUntilStoppedOrLost(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (stopping.getCount() > 0) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    receive(notification.getParameter());
                }
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck > checkEvery.toNanos()) {
                // A connection cut without a word (a NAT or firewall dropping it) shows up only when used.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    /** One payload off the channel: an announcement from another instance becomes a local event. */
    void receive(String payload) {
        Optional<Announcement> read = AnnouncementCodec.read(payload);
        if (read.isEmpty()) {
            log.debug("cluster: ignored a payload that is not an announcement: {}", payload);
            return;
        }
        Announcement announcement = read.get();
        if (announcement.from().equals(settings.instanceId())) {
            ownIgnored.incrementAndGet();
            return;
        }
        heard.incrementAndGet();
        try {
            if (announcement.topic() == Topic.ARTICLE) {
                articleChanged(announcement);
            } else {
                events.publishEvent(new AnnouncedElsewhere(announcement));
            }
        } catch (RuntimeException e) {
            // Could not tell what the change affects (the store away, say): drop everything instead.
            log.warn("cluster: could not apply {} ({}); dropping every cache", announcement, e.getMessage());
            events.publishEvent(new AnnouncementsMissed("could not apply " + announcement.topic()));
        }
    }

    private void articleChanged(Announcement announcement) {
        Optional<Article> article = articles.find(new ArticleId(announcement.subject()));
        if (article.isEmpty()) {
            events.publishEvent(new AnnouncementsMissed("article " + announcement.subject() + " not in the store"));
            return;
        }
        StoreOutcome outcome = "CREATED".equals(announcement.detail()) ? StoreOutcome.CREATED : StoreOutcome.UPDATED;
        events.publishEvent(new ArticleChangedElsewhere(new ArticleChanged(article.get(), outcome)));
    }

    /** @return true when asked to stop meanwhile */
    private boolean await(Duration delay) {
        try {
            return stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
