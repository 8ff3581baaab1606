package io.peersocket.stacks;

/** The starter in an application of this module's stack (see its pom). */
class WebMvcStackTest extends StackContract {

    @Override
    protected Stack stack() {
        return Stack.SERVLET;
    }

}
