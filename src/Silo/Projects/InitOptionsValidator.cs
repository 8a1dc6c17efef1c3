using Microsoft.Extensions.Options;

namespace Lantern.Silo.Projects;

/// <summary>Refuses to start with init keys that are swapped or incomplete, saying exactly what is wrong.</summary>
internal sealed class InitOptionsValidator : IValidateOptions<InitOptions>
{
    public ValidateOptionsResult Validate(string? name, InitOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
