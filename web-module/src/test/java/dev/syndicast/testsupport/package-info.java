/**
 * Everything the integration tests of this module share: one Payara Micro per test run, the local stand-ins for
 * the platforms, and the HTTP and awaiting helpers.
 *
 * <h2>How the servers run</h2>
 * {@link dev.syndicast.testsupport.TestEnvironment} prepares the run once (a fresh {@code syndicast_test} database,
 * an empty data directory, the post-boot commands rendered by {@code server-config} exactly as {@code bin/syndicast}
 * renders them). {@link dev.syndicast.testsupport.SharedServer} then starts <b>one</b> Payara Micro at the first
 * Arquillian deployment and stops it after the last test class; every Arquillian test class of the run uses it. It
 * runs {@link dev.syndicast.testsupport.Deployments#sharedServer()}: the production {@code syndicast.war} plus the
 * test support and every integration test class. The sandbox platform ({@link dev.syndicast.testsupport.SandboxProcess})
 * and the OAuth stand-in ({@link dev.syndicast.testsupport.PlatformStub}) are one process or server per run too, and
 * so is the reference Bluesky PDS ({@link dev.syndicast.testsupport.AtprotoPds}, installed from npm into a cache on
 * first use; {@link dev.syndicast.testsupport.DroppingProxy} loses one of its answers on demand). The other platforms
 * have strict stand-ins whose rules come from their documentation, each with switchable faults:
 * {@link dev.syndicast.testsupport.MastodonStandIn}, {@link dev.syndicast.testsupport.XStandIn},
 * {@link dev.syndicast.testsupport.LinkedInStandIn}, {@link dev.syndicast.testsupport.ThreadsStandIn},
 * {@link dev.syndicast.testsupport.YouTubeStandIn},
 * {@link dev.syndicast.testsupport.TikTokStandIn}, {@link dev.syndicast.testsupport.MetaGraphStandIn},
 * {@link dev.syndicast.testsupport.PinterestStandIn}, {@link dev.syndicast.testsupport.RedditStandIn},
 * {@link dev.syndicast.testsupport.DribbbleStandIn} and {@link dev.syndicast.testsupport.SnapchatStandIn} (which
 * decrypts the media it receives); the shared server is pointed at them by {@code TestEnvironment}. Their
 * {@link dev.syndicast.testsupport.Stall}s (and the proxy's) hold one call in flight until the test releases it, for
 * tests that kill a server mid-call.
 * They count and digest uploads rather than keep them ({@link dev.syndicast.testsupport.Received});
 * {@link dev.syndicast.testsupport.BenchStandIns} runs the X, LinkedIn, YouTube, TikTok and OAuth stand-ins as a process
 * of their own for {@code bench/connectors.sh}.
 *
 * <h2>Writing a new integration test</h2>
 * <ol>
 *   <li>Name it {@code *IT} (failsafe runs it), annotate it {@code @ExtendWith(ArquillianExtension.class)}, and give
 *   it a {@code @Deployment} returning {@link dev.syndicast.testsupport.Deployments#application()} for a black-box
 *   test ({@code testable = false} or {@code @RunAsClient}), or
 *   {@link dev.syndicast.testsupport.Deployments#withTestSupport(Class[])} with the test class for one that injects
 *   beans and runs inside the server. Inject the server's address with {@code @ArquillianResource URL base}.</li>
 *   <li>Isolate by data, never by server: the class makes its own workspace, keys and accounts
 *   ({@code dev.syndicast.tenancy.TenantFixture} does it in one line) and asserts only on what it made. Other
 *   classes ran before it on the same database, broker and sandbox; counts over "everything" are not stable.</li>
 *   <li>Leave the server as you found it: a test that moves the {@link dev.syndicast.testsupport.MovableClock}
 *   resets it in {@code finally}; one that trips a per-address throttle sends from its own loopback address
 *   ({@link dev.syndicast.testsupport.RawHttp#from}); one that changes the sandbox's faults restores them.</li>
 *   <li>Wait for conditions with {@link dev.syndicast.testsupport.Await}, never sleep.</li>
 *   <li>A test that must kill, restart or reconfigure a server (other settings, a smaller heap, a SIGTERM) starts its
 *   own with {@link dev.syndicast.testsupport.ServerProcess} on a database of its own, through {@code bin/syndicast}
 *   as an operator would; it costs a server start (about half a minute), so only such tests do it. A
 *   {@code @Deployment} that adds something the shared server lacks fails with a message saying so.</li>
 * </ol>
 */
package dev.syndicast.testsupport;
