namespace Lantern.Silo.Changes;

/// <summary>A node-local cache of rows any node may change, told of each change PostgreSQL announces on its channel.</summary>
public interface IChangeSubscriber
{
    /// <summary>The PostgreSQL notification channel its table's trigger announces changes on (0031_change_notify.sql).</summary>
    string Channel { get; }

    /// <summary>One row changed; the payload names it as the trigger wrote it.</summary>
    void Changed(string payload);

    /// <summary>Changes may have gone unannounced (the listening connection was down): forget everything.</summary>
    void Clear();
}
