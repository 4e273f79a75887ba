package io.billingsync.sftp;

import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Gives the route's SFTP endpoint what its URI must not or cannot carry: the password and the key's passphrase (read
 * from the environment only), never part of a URI that logs, health details or a route dump could show; the host key
 * checks, whatever the route says (there is no way to accept an unknown key); and the consumer's exception handler,
 * {@link SftpPolls}, which has reported each failure already (Camel's own would log it again on every poll).
 */
final class SftpEndpointSetup extends LifecycleStrategySupport {
    private final String host;
    private final String password;
    private final String passphrase;
    private final ExceptionHandler failures;

    SftpEndpointSetup(String host, String password, String passphrase, ExceptionHandler failures) {
        this.host = host;
        this.password = password;
        this.passphrase = passphrase;
        this.failures = failures;
    }

    @Override
    public void onEndpointAdd(Endpoint endpoint) {
        if (endpoint instanceof SftpEndpoint sftp && host.equals(sftp.getConfiguration().getHost())) {
            SftpConfiguration configuration = sftp.getConfiguration();
            configuration.setStrictHostKeyChecking("yes");
            configuration.setUseUserKnownHostsFile(false);
            configuration.setAutoCreateKnownHostsFile(false);
            configuration.setPassword(password);
            configuration.setPrivateKeyPassphrase(passphrase);
            sftp.setExceptionHandler(failures);
        }
    }
}
