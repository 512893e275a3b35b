namespace BridgeBot.Core.ItTeam;

using Microsoft.Extensions.Options;

/// <summary>Names each problem of the IT team roster at start.</summary>
internal sealed class ItTeamOptionsValidator : IValidateOptions<ItTeamOptions>
{
    public ValidateOptionsResult Validate(string? name, ItTeamOptions options) =>
        ItTeamRoster.Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
