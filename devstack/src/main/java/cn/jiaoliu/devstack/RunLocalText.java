package cn.jiaoliu.devstack;

/** What ./run.sh prints: its help and the ready banner with the demo logins. */
final class RunLocalText {

  private RunLocalText() {}

  static final String USAGE = """
      Usage: ./run.sh [--reset] [--help]

      Starts the Jiaoliu demo on this machine and keeps it running until Ctrl-C:
        1. a Zeebe broker (Camunda 8 engine)   gRPC localhost:26500, REST 8088, management 9600
        2. Keycloak (login, demo users)        http://localhost:8180
        3. the Jiaoliu app                     http://localhost:8080 (Spring profile "demo")
      Every port listens on 127.0.0.1 only: nothing is reachable from other machines.

      The first run downloads the broker and Keycloak distributions through Maven (about 480 MB,
      once, into the local Maven repository), unpacks them and builds the app; later runs start in
      well under a minute. The app is rebuilt whenever a pom.xml or a file under */src is newer
      than app/target/jiaoliu-app.jar.

      Everything the demo stores lives in .jiaoliu/ at the repository root (git-ignored):
        .jiaoliu/secrets    this installation's Keycloak client secrets and admin console password,
                            generated on the first run (mode 0600); Keycloak imports the realm with them
        .jiaoliu/zeebe/     the broker and its data (process instances)
        .jiaoliu/keycloak/  Keycloak and its database (users, sessions)
        .jiaoliu/app/       the app's home (its H2 database)
        .jiaoliu/logs/      zeebe.log, keycloak.log, app.log
      A second run keeps all of it.

      Options:
        --reset   delete .jiaoliu/ first: all process instances, Keycloak changes and app data go;
                  the demo starts from scratch (the downloads in the Maven repository stay)
        --help    show this text

      Environment (optional):
        JIAOLIU_SKIP_APP=1            start only the broker and Keycloak (for developing the app in
                                      an IDE against them)
        JIAOLIU_INFRA_TIMEOUT=300     seconds to wait for the broker and Keycloak
        JIAOLIU_APP_TIMEOUT=180       seconds to wait for the app
        ZEEBE_VERSION=8.5.8           start this Zeebe broker instead of the build's 8.6.0 (fetched
                                      through Maven on first use). The broker keeps its data: a
                                      newer version takes over an older one's, never the reverse
                                      (then --reset). Licences: README, "What a bureau may run in
                                      production"

      Ctrl-C stops all three and waits until they are gone. If one of them stops on its own, the
      others are stopped too and the end of its log is shown.
      """;

  static final String APP_NOT_STARTED = """
        App                      not started (JIAOLIU_SKIP_APP=1): start it yourself with
                                 SPRING_PROFILES_ACTIVE=demo SERVER_PORT=8080 JIAOLIU_HOME=.jiaoliu/app
                                 JIAOLIU_KEYCLOAK_URL=http://localhost:8180
                                 and the two JIAOLIU_KEYCLOAK_*_SECRET variables of .jiaoliu/secrets
      """;

  /** Arguments: seconds to start, the app's line. */
  static final String READY = """

      Jiaoliu 交流 is running (started in %d s):

      %s\
        Keycloak admin console   http://localhost:8180/admin   (admin / KC_BOOTSTRAP_ADMIN_PASSWORD in .jiaoliu/secrets)
        Zeebe gateway (gRPC)     localhost:26500   (REST localhost:8088, health http://localhost:9600/actuator/health)
        Logs                     .jiaoliu/logs/

      Demo logins (password "demo" for all; office.chen and admin also need a one-time code:
      add the demo key JJEUCT2MJFKS2RCFJVHS2T2UKAWUWRKZ to an authenticator app, or run
      oathtool --totp -b JJEUCT2MJFKS2RCFJVHS2T2UKAWUWRKZ):

        user             name         role              school
        ---------------  -----------  ----------------  ------
        teacher.zhang    张伟         teacher           LC-U01
        teacher.li       李娜         teacher           LC-R01
        principal.wang   王芳         principal         LC-U01
        principal.liu    刘洋         principal         LC-R01
        principal.zhao   赵敏         principal         LC-U02
        principal.sun    孙丽         principal         LC-U01 (deputy of 王芳 to try)
        office.chen      陈静         teaching-office   LC
        office.zhou      周强         teaching-office   LC
        admin            系统管理员   admin

      Press Ctrl-C to stop everything.
      """;
}
