namespace Lantern.Silo.Changes;

/// <summary>The channel a change to a <c>projects</c> row (its settings included) is announced on, with the project id.</summary>
public static class ProjectChanges
{
    public const string Channel = "lantern_projects";
}
