package dev.topograph.app.launch.infra;

import dev.topograph.app.launch.Instance;
import dev.topograph.model.generate.LaunchPlan.Login;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A server that made an account for its clients: the server's instance, and that login. */
record ServerWithLogin(Instance server, Login account) implements Instance {

    @Override
    public String provider() {
        return server.provider();
    }

    @Override
    public Optional<Long> pid() {
        return server.pid();
    }

    @Override
    public long pidStart() {
        return server.pidStart();
    }

    @Override
    public Optional<String> container() {
        return server.container();
    }

    @Override
    public Optional<Path> dataDir() {
        return server.dataDir();
    }

    @Override
    public Optional<String> inNetwork() {
        return server.inNetwork();
    }

    @Override
    public Optional<Login> login() {
        return Optional.of(account);
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return server.exit();
    }

    @Override
    public void stop(Duration grace) {
        server.stop(grace);
    }

    @Override
    public String toString() {
        return "ServerWithLogin[" + server + ", user " + account.user() + "]"; // never the password
    }
}
