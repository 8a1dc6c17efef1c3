using Lantern.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Projects;

/// <summary>Creates the project and key pair named by <c>LANGFUSE_INIT_*</c> on start; running it again changes nothing.</summary>
internal sealed partial class InitProjectTask(ProjectStore store, IOptions<InitOptions> options, ILogger<InitProjectTask> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var init = options.Value;
        if (!init.IsSet)
        {
            return;
        }

        var orgId = string.IsNullOrEmpty(init.OrgId) ? "default-org" : init.OrgId;
        await store.UpsertProjectAsync(init.ProjectId!, init.ProjectName ?? init.ProjectId!, orgId, init.OrgName ?? orgId, cancellationToken);
        if (init.PublicKey is not null && init.SecretKey is not null &&
            await store.AddKeyAsync(init.ProjectId!, init.PublicKey, init.SecretKey, "full", cancellationToken))
        {
            // The public key only: secrets never reach the logs.
            LogKeyCreated(logger, init.ProjectId!, init.PublicKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Initialised project {ProjectId} with public key {PublicKey}")]
    private static partial void LogKeyCreated(ILogger logger, string projectId, string publicKey);
}
