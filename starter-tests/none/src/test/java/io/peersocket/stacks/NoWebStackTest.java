package io.peersocket.stacks;

/** The starter in an application of this module's stack (see its pom). */
class NoWebStackTest extends StackContract {

    @Override
    protected Stack stack() {
        return Stack.NONE;
    }

}
