package dev.topograph.app.designer.inspector;

/** One row of the endpoints table: the HTTP method and the path of one endpoint, each edited in place. */
public final class EndpointRow {
    private final int index;
    private final ChoiceField method;
    private final EditableField path;

    EndpointRow(int index, ChoiceField method, EditableField path) {
        this.index = index;
        this.method = method;
        this.path = path;
    }

    /** Where the endpoint stands in the service's list, from 0. */
    public int index() {
        return index;
    }

    public ChoiceField method() {
        return method;
    }

    public EditableField path() {
        return path;
    }
}
